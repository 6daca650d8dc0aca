import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { teamSchema } from '../config/team-schema.ts';
import * as z from '../config/zod-mini.ts';
import type { Team } from '../core/agents.ts';
import { DEFAULT_QUEUE_ID } from '../core/queues.ts';
import { teamKeyOf } from './case-keys.ts';

/** The team that counts now, and where it comes from. */
export interface CurrentTeam {
  readonly team: Team;
  /** `config`: the deployed configuration (cdk.json), never changed at run time; `table`: changed with the support CLI. */
  readonly source: 'config' | 'table';
  /** Optimistic lock: 0 while the configured team counts, then 1, 2, ... with each change. */
  readonly version: number;
  readonly changedAt?: string;
  /** What the last change did, in words ("added A-103 Lena Fischer"). */
  readonly change?: string;
}

/** Someone else changed the team between reading and writing it; nothing was written. */
export class TeamChangedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TeamChangedError';
  }
}

/** The stored team is not one the functions can use (edited by hand?); mail fails loudly rather than going to the wrong people. */
export class StoredTeamError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoredTeamError';
  }
}

const storedTeamSchema = z.extend(teamSchema, {
  version: z.number().check(z.int(), z.positive()),
  changedAt: z.optional(z.string()),
  change: z.optional(z.string()),
});

/**
 * The team at run time. The deployment seeds it (TEAM, from cdk.json); once the support CLI changes
 * it, the item in the case table is the source of truth, written only with the version it read.
 */
export class TeamStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /**
     * The deployed configuration's team: what counts while the table holds none. A function that
     * finds it is called only then (the support CLI asks the deployed function for its TEAM).
     */
    private readonly configured: Team | (() => Promise<Team>),
    /** Whose team: each queue keeps its own item (DEFAULT_QUEUE_ID's is the one from before queues). */
    queueId: string = DEFAULT_QUEUE_ID,
  ) {
    this.key = teamKeyOf(queueId, DEFAULT_QUEUE_ID);
  }

  private readonly key: { readonly pk: string; readonly sk: string };

  async current(): Promise<CurrentTeam> {
    const response = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: this.key, ConsistentRead: true }),
    );
    if (response.Item === undefined)
      return {
        team: typeof this.configured === 'function' ? await this.configured() : this.configured,
        source: 'config',
        version: 0,
      };
    const parsed = storedTeamSchema.safeParse(response.Item);
    if (!parsed.success)
      throw new StoredTeamError(
        `The team stored in ${this.tableName} (${this.key.pk}/${this.key.sk}) is not valid: ${parsed.error.message}`,
      );
    const { version, changedAt, change, agents, teamAddress, engineeringAddress, duty } = parsed.data;
    return {
      team: { agents, teamAddress, engineeringAddress, ...(duty === undefined ? {} : { duty }) },
      source: 'table',
      version,
      ...(changedAt === undefined ? {} : { changedAt }),
      ...(change === undefined ? {} : { change }),
    };
  }

  /** Writes `team` as the next version after `readVersion`; throws TeamChangedError if that is no longer the latest. */
  async save(team: Team, readVersion: number, change: string, at: Date): Promise<CurrentTeam> {
    const version = readVersion + 1;
    const changedAt = at.toISOString();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key,
            type: 'team',
            version,
            changedAt,
            change,
            agents: team.agents,
            teamAddress: team.teamAddress,
            engineeringAddress: team.engineeringAddress,
            ...(team.duty === undefined ? {} : { duty: team.duty }),
          },
          ...(readVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } }),
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new TeamChangedError(
          'Someone changed the team at the same time; nothing was written. Look at `support agents list` and run the command again.',
          { cause: error },
        );
      }
      throw error;
    }
    return { team, source: 'table', version, changedAt, change };
  }
}
