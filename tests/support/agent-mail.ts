import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { LocalZone } from '../../infra/local/receipt-verdicts.ts';
import type { StackFixture } from './local-stack-fixture.ts';

/**
 * The agents' mail domain as the local resolver serves it: a DKIM key, a DMARC policy of reject and
 * an SPF record that authorises nobody, so only DKIM-signed mail from it is authentic.
 */
export function agentDomainZone(domain = 'staff.example.com') {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const zone: LocalZone = {
    [`mail._domainkey.${domain}`]: { TXT: [[`v=DKIM1; k=rsa; p=${p}`]] },
    [`_dmarc.${domain}`]: { TXT: [['v=DMARC1; p=reject']] },
    [domain]: { TXT: [['v=spf1 -all']] },
  };
  return {
    zone,
    dkim: {
      domainName: domain,
      keySelector: 'mail',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
  };
}

/** An SMTP client to the local ingress: plain, DKIM-signing, or logged in as an agent. */
export function mailClient(
  fixture: StackFixture,
  options: { dkim?: { domainName: string; keySelector: string; privateKey: string }; login?: string } = {},
) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: fixture.stack.smtpPort,
    secure: false,
    ignoreTLS: true,
    ...(options.dkim ? { dkim: options.dkim } : {}),
    ...(options.login ? { auth: { user: options.login, pass: fixture.stack.agentPassword(options.login) } } : {}),
  });
  return {
    async send(message: Mail.Options): Promise<void> {
      await transport.sendMail(message);
      await fixture.stack.idle();
    },
    close: () => transport.close(),
  };
}

/** The address in a Reply-To header of a parsed mail. */
export function replyToOf(mail: { replyTo?: { value: Array<{ address?: string }> } | undefined }): string {
  const address = mail.replyTo?.value[0]?.address;
  if (address === undefined) throw new Error('The message has no Reply-To');
  return address;
}

/** The latest mail about case `caseNumber` (its subject tag) delivered to any of `mailboxes`: the notification an agent answers. */
export async function latestAbout(fixture: StackFixture, caseNumber: number, mailboxes: readonly string[]) {
  const about = (await Promise.all(mailboxes.map((box) => fixture.mailbox(box))))
    .flat()
    .filter((m) => m.mail.subject?.startsWith(`[Case #${caseNumber}]`) === true)
    .sort((a, b) => (a.mail.date?.getTime() ?? 0) - (b.mail.date?.getTime() ?? 0));
  const latest = about.at(-1);
  if (latest === undefined) throw new Error(`No mail about case #${caseNumber} in ${mailboxes.join(', ')}`);
  return latest;
}
