import { CfnOutput } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STACK_OUTPUTS } from '../stack-outputs.ts';

export interface OperationsOutputsProps {
  /** The case table: cases, messages, ratings and the team as changed with the CLI. */
  readonly table: ITable;
  /** The raw mail bucket (`replay RAW_KEY` reads stored messages from it). */
  readonly rawMailBucket: IBucket;
  /** The inbound function (`replay` invokes it; its environment holds the deployed team). */
  readonly inboundFunction: IFunction;
  /** The inbound function's on-failure destination (`replay --dead-letters` drains it). */
  readonly failedMailQueue: IQueue;
}

/**
 * What `support --stack NAME` needs to find a deployed stack's resources, as stack outputs with
 * plain names (STACK_OUTPUTS): nothing secret, only names the console shows anyway.
 */
export class OperationsOutputs extends Construct {
  constructor(scope: Construct, id: string, props: OperationsOutputsProps) {
    super(scope, id);
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description }).overrideLogicalId(name);
    output(STACK_OUTPUTS.caseTable, props.table.tableName, 'The case table (support CLI: cases, report, agents)');
    output(
      STACK_OUTPUTS.rawMailBucket,
      props.rawMailBucket.bucketName,
      'The raw mail bucket; received mail is under inbound/ (support replay RAW_KEY)',
    );
    output(
      STACK_OUTPUTS.inboundFunction,
      props.inboundFunction.functionName,
      'The inbound function (support replay invokes it)',
    );
    output(
      STACK_OUTPUTS.failedMailQueue,
      props.failedMailQueue.queueUrl,
      'Received mail that failed after every retry (support replay --dead-letters)',
    );
  }
}
