import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ReceiptRule, ReceiptRuleSet, TlsPolicy, type IReceiptRuleAction } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { RAW_MAIL } from '../../functions/config/resources.ts';
import { ActiveReceiptRuleSet } from './active-receipt-rule-set.ts';
import type { RawMailBucket } from './raw-mail-bucket.ts';

export interface InboundMailProps {
  /**
   * Every address at these domains (support@, support+token@, billing@, ...) flows into the
   * pipeline: the support domain and each queue's. SES matches a domain recipient exactly, so
   * subdomains (such as the MAIL FROM domain) stay out.
   */
  readonly domains: readonly string[];
  /** Where SES stores each raw message, under `RAW_MAIL.inboundPrefix`. */
  readonly rawMail: RawMailBucket;
  /** Invoked asynchronously for each message once it is stored. */
  readonly handler: IFunction;
  /**
   * Name of the receipt rule set; fixed so the S3 and Lambda grants can name the rule that uses them.
   * @default `<stack name>-inbound`
   */
  readonly ruleSetName?: string;
  /**
   * Make the rule set the account's active one in this region (it replaces any other active set).
   * @default true
   */
  readonly activate?: boolean;
}

/** Name of the one receipt rule; letters, digits, dashes (SES rule name rules). */
const RULE_NAME = 'store-then-process';

/**
 * SES receiving for the domains: one rule that, with spam and virus scanning on and TLS required,
 * first stores the raw message in S3 and then invokes the inbound function with its metadata.
 * The Lambda event has no body, so the order matters: the object exists before the function runs.
 */
export class InboundMail extends Construct {
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;
  /** ARN of the rule, the `aws:SourceArn` of SES's writes to S3 and its invocations. */
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const ruleSetName = props.ruleSetName ?? `${stack.stackName}-inbound`;
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${ruleSetName}:receipt-rule/${RULE_NAME}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    const storeRawMessage = this.allowSesToStore(props.rawMail);
    this.allowSesToInvoke(props.handler);

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });
    this.rule = new ReceiptRule(this, 'Rule', {
      ruleSet: this.ruleSet,
      receiptRuleName: RULE_NAME,
      recipients: [...props.domains],
      enabled: true,
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [storeRawMessage, new Lambda({ function: props.handler, invocationType: LambdaInvocationType.EVENT })],
    });
    const bucketPolicy = props.rawMail.bucket.policy;
    if (bucketPolicy !== undefined) this.rule.node.addDependency(bucketPolicy);

    if (props.activate ?? true) {
      new ActiveReceiptRuleSet(this, 'Active', { ruleSet: this.ruleSet }).node.addDependency(this.rule);
    }
  }

  /**
   * Lets SES write under the inbound prefix, and only on behalf of this rule in this account.
   * (aws-ses-actions' S3 action would grant the whole account's SES rules, without a SourceArn.)
   */
  private allowSesToStore(rawMail: RawMailBucket): IReceiptRuleAction {
    rawMail.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesToStoreInboundMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [rawMail.inboundObjectsArn()],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': this.ruleArn } },
      }),
    );
    return {
      bind: () => ({
        s3Action: { bucketName: rawMail.bucket.bucketName, objectKeyPrefix: RAW_MAIL.inboundPrefix },
      }),
    };
  }

  /**
   * Lets this rule invoke the function. Named `AllowSes` so aws-ses-actions' Lambda action finds
   * it and does not add its own, broader permission (account only, no SourceArn).
   */
  private allowSesToInvoke(handler: IFunction): void {
    handler.addPermission('AllowSes', {
      principal: new ServicePrincipal('ses.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: this.ruleArn,
    });
  }
}
