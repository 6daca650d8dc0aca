import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { CASE_TABLE } from '../../functions/config/resources.ts';

export interface CaseTableProps {
  /**
   * What CloudFormation does with the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN — the table is the record of every conversation with a customer
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Refuse DeleteTable calls until this is turned off.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The single case table, shaped by `CASE_TABLE` (the description the local stack uses too):
 * on-demand, point-in-time recovery, encrypted with the AWS-managed key.
 */
export class CaseTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: CaseTableProps = {}) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: CASE_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: CASE_TABLE.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: CASE_TABLE.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    // Kept for one release: CloudFormation adds or removes one index per update, so the sharded
    // index is added first; nothing writes these keys now, and `support cases reindex` empties it.
    this.table.addGlobalSecondaryIndex({
      indexName: CASE_TABLE.legacyStatusIndex.name,
      partitionKey: { name: CASE_TABLE.legacyStatusIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: CASE_TABLE.legacyStatusIndex.sortKey, type: AttributeType.STRING },
    });
    this.table.addGlobalSecondaryIndex({
      indexName: CASE_TABLE.statusIndex.name,
      partitionKey: { name: CASE_TABLE.statusIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: CASE_TABLE.statusIndex.sortKey, type: AttributeType.STRING },
      // Only what lists and reports read, so a report's reads do not grow with conversation history.
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...CASE_TABLE.statusIndex.projected],
    });
  }

  /** ARN of the sharded by-status index, for grants that query it and nothing else. */
  get statusIndexArn(): string {
    return `${this.table.tableArn}/index/${CASE_TABLE.statusIndex.name}`;
  }
}
