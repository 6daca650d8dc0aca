import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { SupportConfig } from './config.ts';
import { CaseTable } from './constructs/case-table.ts';
import { InboundFunction } from './constructs/inbound-function.ts';
import { InboundMail } from './constructs/inbound-mail.ts';
import { RawMailBucket } from './constructs/raw-mail-bucket.ts';
import { SendingIdentity } from './constructs/sending-identity.ts';

export interface SupportStackProps extends StackProps {
  /** The validated `support` configuration (see infra/config.ts). */
  readonly config: SupportConfig;
}

/**
 * The whole pipeline in one stack. Mail flows one way through it:
 * SES receipt rule -> raw mail bucket -> inbound function -> case table -> SES send.
 */
export class SupportStack extends Stack {
  readonly caseTable: CaseTable;
  readonly rawMail: RawMailBucket;
  readonly sending: SendingIdentity;
  readonly inbound: InboundFunction;
  readonly inboundMail: InboundMail;

  constructor(scope: Construct, id: string, props: SupportStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.sending = new SendingIdentity(this, 'SendingIdentity', { domain: config.domain });
    this.caseTable = new CaseTable(this, 'CaseTable');
    this.rawMail = new RawMailBucket(this, 'RawMail', { retentionDays: config.rawMailRetentionDays });

    this.inbound = new InboundFunction(this, 'Inbound', {
      caseTable: this.caseTable,
      rawMail: this.rawMail,
      config,
      sendingIdentityArn: this.sending.identity.emailIdentityArn,
      configurationSetArn: this.sending.configurationSetArn,
    });

    this.inboundMail = new InboundMail(this, 'InboundMail', {
      domain: config.domain,
      rawMail: this.rawMail,
      handler: this.inbound.fn,
    });
  }
}
