import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import type { SupportConfig } from '../config.ts';
import { receivingDomains } from '../queue-rules.ts';
import { isAgentPassword } from './agent-passwords.ts';
import type { LocalFiles } from './local-files.ts';
import type { LocalFaults } from './local-faults.ts';
import type { LocalFunctions } from './local-functions.ts';
import { LOCAL_NAMES } from './local-resources.ts';
import { localResolver, type LocalZone } from './receipt-verdicts.ts';
import { startLocalSes, type FiledCopy, type LocalSes } from './ses-local.ts';
import { startSmtpIngress, type SmtpIngress } from './smtp-ingress.ts';

/** What of the stack's options the mail services see. */
export interface LocalMailOptions {
  readonly config: SupportConfig;
  readonly smtpPort?: number;
  readonly zone?: LocalZone;
  readonly retryDelayMs?: number;
  readonly onMailFiled?: (copy: FiledCopy) => void;
  readonly onDeadLetter?: (event: SESEvent, error: unknown) => void;
  readonly now?: () => Date;
  /** Keep every sent message in memory as `ses.sent` (tests). Default false: `npm start` stays flat however much it sends. */
  readonly keepSentMail?: boolean;
}

/** What the mail services are wired to. */
export interface LocalMailParts {
  readonly files: LocalFiles;
  readonly agentLoginKey: string;
  readonly functions: LocalFunctions;
  readonly s3: S3Client;
  /** Put in front of the local SES too, when faults are switched on. */
  readonly faults?: LocalFaults | undefined;
}

/**
 * SES on both sides: the local SES the functions send through (mail to our own domain loops back
 * into the ingress, bounces and complaints reach the suppression function), and the SMTP ingress
 * that receives as SES's receipt rule would and calls the inbound function.
 */
export async function startLocalMail(
  options: LocalMailOptions,
  parts: LocalMailParts,
): Promise<{ ses: LocalSes; ingress: SmtpIngress }> {
  const { config } = options;
  const { files, functions } = parts;
  // Like the receipt rule and the identities on AWS: every queue's domain receives and sends.
  const domains = receivingDomains(config);
  let ingress: SmtpIngress | undefined;
  const ses = await startLocalSes({
    region: config.region,
    mailDir: files.mailDir,
    maildirDir: files.maildirDir,
    ...(options.onMailFiled === undefined ? {} : { onFiled: options.onMailFiled }),
    loopbackDomains: domains,
    verifiedDomains: domains,
    keepSent: options.keepSentMail ?? false,
    // What the configuration set's event destination does on AWS: bounces and complaints reach the suppression function.
    onFeedbackEvent: (event) => functions.feedback(event),
    onLoopback: (mail, recipients) => {
      void ingress?.receive(mail.raw, { sender: mail.from, recipients, ip: '127.0.0.1', helo: 'localhost' });
    },
  });
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
  await parts.faults?.frontSes(ses.endpoint);
  ingress = await startSmtpIngress({
    port: options.smtpPort ?? 2525,
    region: config.region,
    domains,
    resolver: localResolver(options.zone ?? {}),
    ...(options.now === undefined ? {} : { now: options.now }),
    agentLogin: {
      checkPassword: (address, password) => isAgentPassword(parts.agentLoginKey, address, password),
      // Every queue's team as it stands: an agent added with `support agents add --queue` logs in at once.
      isAgent: (address) => functions.isAgent(address),
    },
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    storeRaw: async (key, raw) => {
      await parts.s3.send(new PutObjectCommand({ Bucket: LOCAL_NAMES.bucketName, Key: key, Body: raw }));
    },
    invoke: async (event) => {
      await functions.invoke(event);
    },
    onDeadLetter: async (event, error) => {
      await fileDeadLetter(files.deadLetterDir, event, error);
      options.onDeadLetter?.(event, error);
    },
  });
  return { ses, ingress };
}

/** Keeps a receipt that failed every retry as `<dir>/<message id>.json`, as Lambda's on-failure destination would. */
async function fileDeadLetter(dir: string, event: SESEvent, error: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  const id = event.Records[0]?.ses.mail.messageId ?? randomUUID();
  await writeFile(join(dir, `${id}.json`), JSON.stringify({ event, error: String(error) }, null, 2));
}
