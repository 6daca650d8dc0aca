import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { onlyResource, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

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
});
