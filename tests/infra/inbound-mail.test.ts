import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RAW_MAIL } from '../../functions/config/resources.ts';
import { onlyResource, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

/** SourceArn SES presents when this stack's one rule acts: the rule set and rule names are fixed. */
const RULE_ARN_SUFFIX = ':receipt-rule-set/MailcaseSupport-inbound:receipt-rule/store-then-process';

describe('receiving mail with SES', () => {
  let template: Template;

  beforeAll(() => {
    // Prepare, Act
    ({ template } = synthesizeSupportStack());
  });

  it('the receipt rule stores the raw message before it invokes the function', () => {
    // Assess
    const { resource: rule } = onlyResource(template, 'AWS::SES::ReceiptRule');
    const actions: Record<string, unknown>[] = rule.Properties.Rule.Actions;
    expect(actions.map((action) => Object.keys(action))).toEqual([['S3Action'], ['LambdaAction']]);
    expect(actions[0]).toEqual({
      S3Action: {
        BucketName: { Ref: expect.stringMatching(/^RawMailBucket/) },
        ObjectKeyPrefix: RAW_MAIL.inboundPrefix,
      },
    });
    expect(actions[1]).toEqual({
      LambdaAction: {
        FunctionArn: { 'Fn::GetAtt': [expect.stringMatching(/^InboundHandlerFunction/), 'Arn'] },
        InvocationType: 'Event',
      },
    });
  });

  it('every address at the domain reaches the rule, over TLS, scanned for spam and viruses', () => {
    // Assess
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Enabled: true,
        Recipients: [TEST_SUPPORT_CONTEXT.domain],
        ScanEnabled: true,
        TlsPolicy: 'Require',
      }),
    });
  });

  it('the rule waits for the permissions it needs to exist before SES checks them', () => {
    // Assess
    const { resource: rule } = onlyResource(template, 'AWS::SES::ReceiptRule');
    expect(rule.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RawMailBucketPolicy/),
        expect.stringMatching(/^InboundHandlerFunctionAllowSes/),
      ]),
    );
  });

  it('the rule set is made active on create and update, and receiving is turned off on delete', () => {
    // Assess
    const { resource: activation } = onlyResource(template, 'Custom::ActiveReceiptRuleSet');
    const { id: ruleSetId } = onlyResource(template, 'AWS::SES::ReceiptRuleSet');
    const { id: ruleId } = onlyResource(template, 'AWS::SES::ReceiptRule');
    const create = JSON.stringify(activation.Properties.Create);
    expect(create).toContain('"action\\":\\"setActiveReceiptRuleSet\\"');
    expect(create).toContain(`{"Ref":"${ruleSetId}"}`);
    expect(activation.Properties.Update).toEqual(activation.Properties.Create);
    expect(JSON.parse(activation.Properties.Delete)).toEqual({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: {},
    });
    // A rule set activated before its rule exists would receive mail and do nothing with it.
    expect(activation.DependsOn).toContain(ruleId);
  });

  it('SES may write raw mail only under the inbound prefix, for this account and this rule', () => {
    // Assess
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: {
              'Fn::Join': [
                '',
                [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^RawMailBucket'), 'Arn'] }, `/${RAW_MAIL.inboundPrefix}*`],
              ],
            },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`${RULE_ARN_SUFFIX}$`)])] },
              },
            },
          }),
        ]),
      },
    });
  });

  it('SES may invoke the function only for this account and this rule', () => {
    // Assess
    const permissions = Object.values(
      template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'ses.amazonaws.com' } }),
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(JSON.stringify(permissions[0]?.Properties.SourceArn)).toContain(RULE_ARN_SUFFIX);
  });
});
