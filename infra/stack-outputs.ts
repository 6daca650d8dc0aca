/**
 * Names of the stack outputs the support CLI reads to find a deployed stack's resources
 * (`support --stack NAME`). Plain logical ids, so they read the same in the console and the CLI.
 */
export const STACK_OUTPUTS = {
  caseTable: 'CaseTableName',
  rawMailBucket: 'RawMailBucketName',
  /** Where the inbound function's failed invocations wait to be replayed. */
  failedMailQueue: 'FailedMailQueueUrl',
  inboundFunction: 'InboundFunctionName',
  /** The weekly digest and monthly agent mail (`support report --digest` invokes it). */
  reportMailFunction: 'ReportMailFunctionName',
} as const;

export type StackOutputName = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];
