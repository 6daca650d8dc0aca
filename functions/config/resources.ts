import { CASE_SUMMARY_FIELDS } from '../core/case-summary.ts';

/**
 * One description of the stateful resources, read by the CDK stack and by the local stack
 * (`npm start`), so that both create the same table, bucket layout and environment.
 */

/** The single case table. Every item has `pk` and `sk`; see functions/adapters/case-keys.ts. */
export const CASE_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item after it (rate-limit counters, expired leases). */
  timeToLiveAttribute: 'expiresAt',
  /**
   * Cases by status, newest activity first, spread over shards: `gsi2pk = STATUS#<status>#<shard>`,
   * `gsi2sk = <updatedAt>`. It projects only the fields lists and reports read (CaseSummary), so a
   * report reads summaries, never conversation history. See functions/adapters/status-keys.ts.
   */
  statusIndex: { name: 'byStatusShard', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projected: CASE_SUMMARY_FIELDS },
  /**
   * The first status index (one partition per status, every attribute projected). Nothing writes its
   * keys any more; `support cases reindex` empties it. It stays declared for one release because
   * CloudFormation adds or removes only one index per update; the release after drops it.
   */
  legacyStatusIndex: { name: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;

/** Key prefixes in the raw mail bucket. SES's S3 action writes `inbound/<SES message id>`. */
export const RAW_MAIL = {
  inboundPrefix: 'inbound/',
  /** Decoded bodies and attachments, kept apart from the raw message they came from. */
  contentPrefix: 'content/',
  /** The folder of a receipt's decoded attachments: `content/<SES message id>/attachments/<n>-<name>`. */
  attachmentsFolder: 'attachments',
} as const;

/**
 * The queue of timed checks: each message is one check, delivered when it is due (delayed on the
 * queue within 15 minutes, put there by a one-time schedule when later; see core/check-delivery.ts).
 */
export const SLA_CHECK_QUEUE = {
  /** Longer than the consumer's timeout, so a check is not handled twice at once. */
  visibilityTimeoutSeconds: 120,
  /** Deliveries before a check that keeps failing goes to the dead-letter queue (and its alarm). */
  maxReceiveCount: 5,
  /** The longest SQS keeps a message. */
  retentionSeconds: 14 * 24 * 3600,
} as const;

/** The environment of the mail-sending functions; the only place their variable names are spelt. */
export interface MailEnvironment {
  TABLE_NAME: string;
  SUPPORT_ADDRESS: string;
  SUPPORT_NAME: string;
  /** JSON: how the default queue writes (QueueWriting: language, signature, template folder). */
  SUPPORT_WRITING: string;
  TEMPLATES_DIR: string;
  POWERTOOLS_SERVICE_NAME: string;
  /** JSON: agents, team address, engineering address. */
  TEAM: string;
  SLA_QUEUE_URL: string;
  /** The check queue's ARN: the target of the one-time schedules that deliver checks due later than SQS can delay. */
  SLA_QUEUE_ARN: string;
  /** The EventBridge Scheduler group those schedules are created in (and the only one the functions may touch). */
  CHECK_SCHEDULE_GROUP: string;
  /** The role Scheduler assumes to put a check on the queue (sqs:SendMessage on it, nothing else). */
  CHECK_SCHEDULER_ROLE_ARN: string;
  /** JSON: time zone, weekly hours, holidays. */
  BUSINESS_HOURS: string;
  /** JSON: response targets per priority, warning share, re-escalation multiple. */
  SLA_POLICY: string;
  /** JSON: reopen window, survey link lifetime, pending follow-ups (LifecyclePolicy). */
  LIFECYCLE_POLICY: string;
  /** Where survey links in closing messages point; download links sit beside them. */
  SURVEY_URL: string;
  /** JSON: FilePolicy (bytes of files attached to one notification, days a download link works). */
  FILE_POLICY: string;
  /** The queues besides the default one (SupportQueue[] as JSON, compressed: read it with readQueues); `[]` for none. */
  QUEUES: string;
}

/** The inbound function's: the mail environment, where received mail is stored, and intake limits. */
export interface InboundEnvironment extends MailEnvironment {
  RAW_MAIL_BUCKET: string;
  MAX_MESSAGE_BYTES: string;
  AUTO_REPLY_LIMIT_PER_HOUR: string;
  /** JSON: FloodLimits (new cases per sender and per domain an hour, and the domains without a domain bound). */
  FLOOD_LIMITS: string;
  /** JSON: ReportPolicy (ranking threshold, digest and monthly mail switches); read by the support CLI and the digest. */
  REPORT_POLICY: string;
}

/**
 * The survey function's environment: the page's, the mail functions' for what a rating sets off
 * (follow-up mails and checks), and the bucket download links read files from (attachments only;
 * see RawMailBucket.grantReadAttachments). No SURVEY_URL: it sends no survey links, and its own
 * address in its own environment would be a cycle.
 */
export type SurveyEnvironment = Omit<MailEnvironment, 'SURVEY_URL'> & { RAW_MAIL_BUCKET: string };

/** The suppression function's environment: the table, nothing else. */
export interface SuppressionEnvironment {
  TABLE_NAME: string;
  POWERTOOLS_SERVICE_NAME: string;
}

/** Where the function finds the reply-token secret: Secrets Manager on AWS, a value locally. */
export type ReplyTokenSecretEnvironment = { REPLY_TOKEN_SECRET_ARN: string } | { REPLY_TOKEN_SECRET: string };

/** The report mail function's environment: the table, the templates, who sends, the team, the report policy. */
export interface ReportMailEnvironment {
  TABLE_NAME: string;
  TEMPLATES_DIR: string;
  SUPPORT_ADDRESS: string;
  SUPPORT_NAME: string;
  POWERTOOLS_SERVICE_NAME: string;
  /** JSON: agents, team address, engineering address. */
  TEAM: string;
  /** The queues besides the default one, as in MailEnvironment. */
  QUEUES: string;
  /** JSON: ReportPolicy. */
  REPORT_POLICY: string;
}
