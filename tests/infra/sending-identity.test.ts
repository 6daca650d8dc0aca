import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_BUNDLING, onlyResource, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

describe('the sending identity', () => {
  let template: Template;

  beforeAll(() => {
    // Prepare, Act
    ({ template } = synthesizeSupportStack());
  });

  it('signs mail from the domain with Easy DKIM and a 2048-bit key', () => {
    // Assess
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: TEST_SUPPORT_CONTEXT.domain,
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
  });

  it('sends through a configuration set that suppresses bounced and complaining addresses', () => {
    // Assess
    const { id: configurationSetId, resource: configurationSet } = onlyResource(template, 'AWS::SES::ConfigurationSet');
    expect(configurationSet.Properties.SuppressionOptions).toEqual({ SuppressedReasons: ['BOUNCE', 'COMPLAINT'] });
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
    template.hasOutput('ConfigurationSetName', { Value: { Ref: configurationSetId } });
  });

  it('prints the three DKIM CNAME records to publish', () => {
    // Prepare
    const { id: identityId } = onlyResource(template, 'AWS::SES::EmailIdentity');

    // Assess
    for (const n of [1, 2, 3]) {
      template.hasOutput(`DkimRecord${n}Name`, { Value: { 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] } });
      template.hasOutput(`DkimRecord${n}Value`, { Value: { 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${n}`] } });
    }
  });

  it('prints the MX record that points the domain at SES receiving in its region', () => {
    // Assess
    template.hasOutput('MxRecord', {
      Value: `${TEST_SUPPORT_CONTEXT.domain} MX 10 inbound-smtp.${TEST_SUPPORT_CONTEXT.region}.amazonaws.com`,
    });
  });

  it('sends from the custom MAIL FROM domain bounce.<domain>, falling back to amazonses.com while its MX is missing', () => {
    // Assess
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: TEST_SUPPORT_CONTEXT.domain,
      MailFromAttributes: {
        MailFromDomain: `bounce.${TEST_SUPPORT_CONTEXT.domain}`,
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
  });

  it('prints the MX and SPF records the MAIL FROM domain needs', () => {
    // Assess
    template.hasOutput('MailFromMxRecord', {
      Value: `bounce.${TEST_SUPPORT_CONTEXT.domain} MX 10 feedback-smtp.${TEST_SUPPORT_CONTEXT.region}.amazonses.com`,
    });
    template.hasOutput('MailFromSpfRecord', {
      Value: `bounce.${TEST_SUPPORT_CONTEXT.domain} TXT "v=spf1 include:amazonses.com ~all"`,
    });
  });

  it('takes the MAIL FROM label from mailFromSubdomain', () => {
    // Prepare
    const context = { ...NO_BUNDLING, support: { ...TEST_SUPPORT_CONTEXT, mailFromSubdomain: 'mail-from' } };

    // Act
    const { template: custom } = synthesizeSupportStack(context);

    // Assess
    custom.hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: { MailFromDomain: `mail-from.${TEST_SUPPORT_CONTEXT.domain}` },
    });
    custom.hasOutput('MailFromSpfRecord', {
      Value: `mail-from.${TEST_SUPPORT_CONTEXT.domain} TXT "v=spf1 include:amazonses.com ~all"`,
    });
  });
});
