import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_OUTPUTS } from '../../infra/stack-outputs.ts';
import { onlyResource, synthesizeSupportStack, type SynthesizedSupportStack } from './support-stack-fixture.ts';

describe('the stack outputs the support CLI finds a deployed stack by (support --stack NAME)', () => {
  let synthesized: SynthesizedSupportStack;
  beforeAll(() => {
    synthesized = synthesizeSupportStack();
  });

  it('names the case table, the raw mail bucket, the inbound function and the failed-mail queue with plain output names', () => {
    // Prepare
    const { template } = synthesized;
    const table = onlyResource(template, 'AWS::DynamoDB::Table').id;
    const bucket = onlyResource(template, 'AWS::S3::Bucket', 'RawMailBucket').id;
    const inbound = onlyResource(template, 'AWS::Lambda::Function', 'InboundHandlerFunction').id;
    const failedMail = onlyResource(template, 'AWS::SQS::Queue', 'InboundFailedMail').id;

    // Assess
    template.hasOutput(STACK_OUTPUTS.caseTable, { Value: { Ref: table } });
    template.hasOutput(STACK_OUTPUTS.rawMailBucket, { Value: { Ref: bucket } });
    template.hasOutput(STACK_OUTPUTS.inboundFunction, { Value: { Ref: inbound } });
    template.hasOutput(STACK_OUTPUTS.failedMailQueue, { Value: { Ref: failedMail } });
    expect(Object.values(STACK_OUTPUTS)).toEqual([
      'CaseTableName',
      'RawMailBucketName',
      'FailedMailQueueUrl',
      'InboundFunctionName',
      'ReportMailFunctionName',
    ]);
  });
});
