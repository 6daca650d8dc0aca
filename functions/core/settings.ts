import type { Team } from './agents.ts';
import type { BusinessHours } from './business-hours.ts';
import type { FloodLimits } from './flood-guard.ts';
import type { LifecyclePolicy } from './case-lifecycle.ts';
import type { FilePolicy } from './case-files.ts';
import type { SlaPolicy } from './sla-clock.ts';
import type { LanguageCode, SupportQueue } from './queues.ts';

/**
 * How one deployment runs the pipeline, as every mail-sending function reads it once per process
 * (functions/config/pipeline-dependencies.ts). Plain data: the core's planners take the parts they
 * need with `Pick`.
 */
export interface PipelineSettings {
  readonly supportAddress: string;
  readonly supportName: string;
  /** The team as deployed; handlers replace it with the team as it stands (withCurrentTeam). */
  readonly team: Team;
  readonly replyTokenSecret: string;
  readonly businessHours: BusinessHours;
  readonly slaPolicy: SlaPolicy;
  readonly lifecycle: LifecyclePolicy;
  /** Where survey links in closing messages point; download links sit beside them. */
  readonly surveyUrl: string;
  /** How a message's files travel with notifications; DEFAULT_FILE_POLICY when unset. */
  readonly files?: FilePolicy;
  /**
   * Every queue of the deployment, the default queue (DEFAULT_QUEUE_ID, built from the settings
   * above as deployed) first. Handlers pick one with settingsForQueue; planners never read it.
   */
  readonly queues: readonly SupportQueue[];
  /** The queue the address, name, team, hours and targets above are of (see settingsForQueue). */
  readonly queueId: string;
  /** The queue's language (SupportQueue.language): its team's mail, and a case whose customer's is unknown; absent: 'en'. */
  readonly language?: LanguageCode;
  /** The queue's signature (SupportQueue.signature), under every mail to its customers; absent: none. */
  readonly signature?: string;
  /** The queue's template folder (SupportQueue.templates); absent: the shared templates. */
  readonly templates?: string;
}

/** The inbound function's settings: the pipeline's, the domain it receives for, and intake limits. */
export interface InboundSettings extends PipelineSettings {
  readonly domain: string;
  readonly maxMessageBytes: number;
  readonly autoReplyLimitPerHour: number;
  /** Bounds on new cases per sender and per sending domain an hour. */
  readonly floodLimits: FloodLimits;
}
