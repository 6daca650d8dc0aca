import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
  type AwsSdkCall,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface ActiveReceiptRuleSetProps {
  /** The rule set to make the account's active one in this region. */
  readonly ruleSet: IReceiptRuleSet;
  /**
   * How long the activation function's logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

/**
 * Makes a receipt rule set the active one: CloudFormation creates rule sets but never activates
 * them, and SES receives nothing until one is active. Calls SES `SetActiveReceiptRuleSet` on create
 * and update, and calls it with no name on delete, which turns receiving off.
 *
 * An account has one active rule set per region: activating this one deactivates any other.
 */
export class ActiveReceiptRuleSet extends Construct {
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, props: ActiveReceiptRuleSetProps) {
    super(scope, id);
    const ruleSetName = props.ruleSet.receiptRuleSetName;

    const activate: AwsSdkCall = {
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: ruleSetName },
      physicalResourceId: PhysicalResourceId.of(`active-receipt-rule-set-${ruleSetName}`),
    };

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role rather than the default one with the AWS-managed basic execution policy.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    this.resource = new AwsCustomResource(this, 'Activation', {
      resourceType: 'Custom::ActiveReceiptRuleSet',
      onCreate: activate,
      onUpdate: activate,
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['ses:SetActiveReceiptRuleSet'],
          // SetActiveReceiptRuleSet supports no resource-level permissions: "*" is the only form.
          resources: ['*'],
        }),
      ]),
      role,
      logGroup,
      // The SDK in the Lambda runtime has this call; fetching the latest at deploy time needs npm.
      installLatestAwsSdk: false,
      timeout: Duration.minutes(1),
    });
    this.resource.node.addDependency(props.ruleSet);

    Validations.of(this.resource).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:SetActiveReceiptRuleSet has no resource-level permissions; the statement allows that one action and nothing else.',
    });
  }
}
