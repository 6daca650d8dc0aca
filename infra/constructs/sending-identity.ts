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
   * Further domains we send from and receive at: the domains of queues' addresses. Each gets an
   * identity of its own, set up as `domain`'s, and its DNS records as outputs named after it
   * (`KundenExampleDeDkimRecord1Name` for kunden.example.de).
   * @default none
   */
  readonly moreDomains?: readonly string[];
  /**
   * The label of the custom MAIL FROM domain under each domain, e.g. `bounce` for bounce.help.example.com:
   * SES uses it as the envelope sender, so SPF passes for a domain aligned with the From address.
   * @default 'bounce'
   */
  readonly mailFromSubdomain?: string;
}

/**
 * The verified domain identities we send from (Easy DKIM, RSA 2048), one per domain, and the
 * configuration set every message goes through, so bounces and complaints can be routed to an
 * event destination. Sends with a custom MAIL FROM domain (`bounce.<domain>` by default), so SPF
 * passes and aligns for DMARC besides DKIM; until its MX record resolves SES falls back to
 * amazonses.com rather than refuse to send. Prints the DNS records to publish as stack outputs:
 * `DkimRecord{1,2,3}{Name,Value}`, `MxRecord`, `MailFromMxRecord`, `MailFromSpfRecord` for
 * `domain` (the same, prefixed with the domain's name, for each of `moreDomains`), and
 * `ConfigurationSetName`.
 */
export class SendingIdentity extends Construct {
  /** Every identity, `domain`'s first: what the functions may send as. */
  readonly identities: readonly EmailIdentity[];
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: SendingIdentityProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      // A bounced or complaining address is not written to again from this account.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const mailFromSubdomain = props.mailFromSubdomain ?? 'bounce';
    // `domain`'s identity keeps the id it always had, so a deployed stack keeps its DKIM records.
    this.identities = [
      this.addDomain('Identity', props.domain, mailFromSubdomain, ''),
      ...(props.moreDomains ?? [])
        .filter((domain) => domain.toLowerCase() !== props.domain.toLowerCase())
        // Named after its domain, not its place in the list: reordering queues replaces no identity.
        .map((domain) => this.addDomain(domain, domain, mailFromSubdomain, outputPrefix(domain))),
    ];
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

  /** One domain's identity, and the DNS records it needs as outputs whose names start with `prefix`. */
  private addDomain(id: string, domain: string, mailFromSubdomain: string, prefix: string): EmailIdentity {
    const mailFromDomain = `${mailFromSubdomain}.${domain}`;
    const region = Stack.of(this).region;
    const identity = new EmailIdentity(this, id, {
      identity: Identity.domain(domain),
      // The identity's default configuration set: sends that name none still go through it.
      configurationSet: this.configurationSet,
      dkimSigning: true,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain,
      // A support desk keeps answering while the MX record is missing or broken: DKIM still aligns for DMARC.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    identity.dkimRecords.forEach((record, index) => {
      this.output(
        `${prefix}DkimRecord${index + 1}Name`,
        record.name,
        `Name of DKIM CNAME record ${index + 1} to add to ${domain}`,
      );
      this.output(`${prefix}DkimRecord${index + 1}Value`, record.value, `Value of DKIM CNAME record ${index + 1}`);
    });
    this.output(
      `${prefix}MxRecord`,
      `${domain} MX ${MX_PRIORITY} inbound-smtp.${region}.amazonaws.com`,
      `MX record that routes ${domain}'s mail to SES receiving`,
    );
    this.output(
      `${prefix}MailFromMxRecord`,
      `${mailFromDomain} MX ${MX_PRIORITY} feedback-smtp.${region}.amazonses.com`,
      'MX record of the custom MAIL FROM domain (bounces come back through it)',
    );
    this.output(
      `${prefix}MailFromSpfRecord`,
      `${mailFromDomain} TXT ${MAIL_FROM_SPF}`,
      'SPF record of the custom MAIL FROM domain',
    );
    return identity;
  }

  /** Stack outputs keep a plain logical id, so the DNS records can be read by name. */
  private output(id: string, value: string, description: string): void {
    new CfnOutput(this, id, { value, description }).overrideLogicalId(id);
  }
}

/** kunden.example.de -> KundenExampleDe: an output name (letters and digits) a person can tell apart. */
function outputPrefix(domain: string): string {
  return domain
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
