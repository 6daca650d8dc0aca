import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseReader } from '../../functions/adapters/case-reader.ts';
import { RatingStore } from '../../functions/adapters/rating-store.ts';
import { SuppressionStore } from '../../functions/adapters/suppression-store.ts';
import type { RawMailStore } from '../../functions/adapters/raw-mail-store.ts';
import type { Team } from '../../functions/core/agents.ts';
import type { SupportQueue } from '../../functions/core/queues.ts';
import { domainOf, ownDomains } from '../../functions/core/queue-selection.ts';
import type { ReportPolicy } from '../../functions/core/report-policy.ts';
import type { ReportMailOutcome } from '../../functions/reports/send-report-mail.ts';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';

/** A receipt that failed every retry, kept for a person to replay. */
export interface DeadLetter {
  /** The SES message id (locally the file name, on AWS the SQS message id). */
  readonly id: string;
  /** The SES receipt event the function failed on. */
  readonly event: unknown;
  /** Why it failed the last time, when the record says. */
  readonly error?: string;
  /** The record could not be read (and `event` is undefined): why, so the replay can say so and go on. */
  readonly unreadable?: string;
  /** Forgets it: called once it has been run through the function again. */
  remove(): Promise<void>;
}

/** What the inbound function says became of a receipt (the part of IntakeOutcome a replay reports). */
export type ReplayOutcome = Pick<
  IntakeOutcome,
  'sesMessageId' | 'outcome' | 'reason' | 'caseNumber' | 'sent' | 'acknowledged'
>;

/** Runs mail through the stack's own inbound function. */
export interface Replayer {
  /** Invokes the inbound function with an SES receipt event; what became of each receipt. */
  run(event: unknown): Promise<ReplayOutcome[]>;
  /** Receipts that failed every retry: locally the dead-letter folder, on AWS the failed-mail queue. */
  deadLetters(): AsyncIterable<DeadLetter>;
}

/** A stack the CLI works against: the local one `npm start` runs, or a deployed one. */
export interface Target {
  /** "the local stack in /repo/.local" or "stack MailcaseSupport (eu-west-1)". */
  readonly label: string;
  /** A deployed stack (on AWS), not the local one. */
  readonly deployed: boolean;
  readonly region: string;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly rawMail: RawMailStore;
  /** Every domain the deployment receives mail on: the support address's and every queue's (agents may be on none). */
  receivingDomains(): Promise<string[]>;
  /** The team as deployed (cdk.json), before any change made with the CLI. */
  configuredTeam(): Promise<Team>;
  /** The queues as deployed beyond the default one (QUEUES); none when the deployment has one address. */
  configuredQueues(): Promise<readonly SupportQueue[]>;
  /** The report policy as deployed (`reports` in cdk.json). */
  reportPolicy(): Promise<ReportPolicy>;
  /** Sends the weekly digest now, through the stack's own report mail function and SES. */
  sendWeeklyDigest(): Promise<ReportMailOutcome>;
  replayer(): Promise<Replayer>;
  /** The local stack's SMTP port and each agent's password for it; a deployed stack has none (agents mail from their own mailboxes). */
  readonly localSmtp?: { readonly port: number; passwordFor(email: string): string };
  close(): void;
}

/** The stores a command reads and writes, over a target's table. */
export function storesOf(target: Target) {
  return {
    cases: new CaseReader(target.doc, target.tableName),
    ratings: new RatingStore(target.doc, target.tableName),
    suppressions: new SuppressionStore(target.doc, target.tableName),
  };
}

/** The domains of the support address and of every queue, each once, in lower case. */
export function domainsOf(supportAddress: string, queues: readonly SupportQueue[]): string[] {
  return ownDomains(domainOf(supportAddress), queues);
}
