import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** SES accepts mail for a domain whose MX record points at its regional inbound endpoint. */
const MX_PRIORITY = 10;

/** The SPF policy SES asks for on a custom MAIL FROM domain: its senders are SES's. */
const MAIL_FROM_SPF = '"v=spf1 include:amazonses.com ~all"';

export interface SendingIdentityProps {
  /** The domain we send from and receive at (its DKIM CNAMEs and MX record go in its DNS zone). */
  readonly domain: string;
  /**
   * The label of the custom MAIL FROM domain under `domain`, e.g. `bounce` for bounce.help.example.com:
   * SES uses it as the envelope sender, so SPF passes for a domain aligned with the From address.
   * @default 'bounce'
   */
  readonly mailFromSubdomain?: string;
}

/**
 * The verified domain identity we send from (Easy DKIM, RSA 2048) and the configuration set
 * every message goes through, so bounces and complaints can be routed to an event destination.
 * Sends with a custom MAIL FROM domain (`bounce.<domain>` by default), so SPF passes and aligns
 * for DMARC besides DKIM; until its MX record resolves SES falls back to amazonses.com rather than
 * refuse to send. Prints the DNS records to publish as stack outputs: `DkimRecord{1,2,3}{Name,Value}`,
 * `MxRecord`, `MailFromMxRecord`, `MailFromSpfRecord`, and `ConfigurationSetName`.
 */
export class SendingIdentity extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: SendingIdentityProps) {
    super(scope, id);
    const mailFromDomain = `${props.mailFromSubdomain ?? 'bounce'}.${props.domain}`;
    const region = Stack.of(this).region;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      // A bounced or complaining address is not written to again from this account.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      // The identity's default configuration set: sends that name none still go through it.
      configurationSet: this.configurationSet,
      dkimSigning: true,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain,
      // A support desk keeps answering while the MX record is missing or broken: DKIM still aligns for DMARC.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });

    this.identity.dkimRecords.forEach((record, index) => {
      this.output(
        `DkimRecord${index + 1}Name`,
        record.name,
        `Name of DKIM CNAME record ${index + 1} to add to ${props.domain}`,
      );
      this.output(`DkimRecord${index + 1}Value`, record.value, `Value of DKIM CNAME record ${index + 1}`);
    });
    this.output(
      'MxRecord',
      `${props.domain} MX ${MX_PRIORITY} inbound-smtp.${region}.amazonaws.com`,
      "MX record that routes the domain's mail to SES receiving",
    );
    this.output(
      'MailFromMxRecord',
      `${mailFromDomain} MX ${MX_PRIORITY} feedback-smtp.${region}.amazonses.com`,
      'MX record of the custom MAIL FROM domain (bounces come back through it)',
    );
    this.output(
      'MailFromSpfRecord',
      `${mailFromDomain} TXT ${MAIL_FROM_SPF}`,
      'SPF record of the custom MAIL FROM domain',
    );
    this.output(
      'ConfigurationSetName',
      this.configurationSetName,
      'Configuration set for sending events (bounces, complaints)',
    );
  }

  get configurationSetName(): string {
    return this.configurationSet.configurationSetName;
  }

  /** ARN of the configuration set; SES checks it alongside the identity on every send. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSetName,
    });
  }

  /** Stack outputs keep a plain logical id, so the DNS records can be read by name. */
  private output(id: string, value: string, description: string): void {
    new CfnOutput(this, id, { value, description }).overrideLogicalId(id);
  }
}
