import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import { parseSupportConfig, type SupportConfig } from '../../infra/config.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/local-stack.ts';
import { safeFolder } from '../../infra/local/ses-local.ts';
import { buildReceiptEvent } from '../../infra/local/receipt-event.ts';
import { RAW_MAIL } from '../../functions/config/resources.ts';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** The test deployment's raw settings, for tests that vary one of them. */
export const TEST_CONFIG_INPUT = {
  domain: 'example.test',
  supportAddress: 'support@example.test',
  displayName: 'Example Support',
  region: 'eu-west-1',
  maxMessageBytes: 1024 * 1024,
  agents: [
    { name: 'Maria Lopez', email: 'maria@staff.example.com', agentId: 'A-101', role: 'agent' },
    { name: 'Tom Becker', email: 'tom@staff.example.com', agentId: 'A-102', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.example.com', agentId: 'S-001', role: 'supervisor' },
  ],
  teamAddress: 'team@staff.example.com',
  engineeringAddress: 'engineering@staff.example.com',
};

export const TEST_CONFIG: SupportConfig = parseSupportConfig(TEST_CONFIG_INPUT);

export interface StackFixture {
  readonly stack: LocalStack;
  readonly outcomes: IntakeOutcome[];
  /** Sends over real SMTP to the local ingress and waits until the pipeline has finished with it. */
  send(message: Mail.Options | { raw: Buffer | string; envelope: { from: string; to: string[] } }): Promise<void>;
  /** Every message delivered to `address`, oldest first, parsed, with its raw bytes. */
  mailbox(address: string): Promise<Array<{ raw: Buffer; mail: ParsedMail }>>;
  /** All items of the case table, by type. */
  items(type: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

/** Starts the whole local stack in memory on random ports, for one test file. */
export async function startStackFixture(options: Partial<LocalStackOptions> = {}): Promise<StackFixture> {
  const outcomes: IntakeOutcome[] = [];
  const stack = await startLocalStack({
    config: TEST_CONFIG,
    smtpPort: 0,
    surveyPort: 0,
    retryDelayMs: 10,
    keepSentMail: true,
    ...options,
    onOutcome: (o) => outcomes.push(o),
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return {
    stack,
    outcomes,
    async send(message) {
      await transport.sendMail(message as Mail.Options);
      await stack.idle();
    },
    async mailbox(address) {
      const folder = join(stack.mailDir, safeFolder(address));
      const files = (await readdir(folder).catch(() => [] as string[])).sort();
      return Promise.all(
        files.map(async (file) => {
          const raw = await readFile(join(folder, file));
          return { raw, mail: await simpleParser(raw) };
        }),
      );
    },
    async items(type) {
      const found: Array<Record<string, unknown>> = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        found.push(...(page.Items ?? []).filter((i) => i.type === type));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return found;
    },
    async stop() {
      transport.close();
      doc.destroy();
      await stack.stop();
    },
  };
}

/**
 * A mail stored as SES's S3 action stores it, and the Lambda event SES then sends the inbound
 * function (every verdict PASS): for tests that invoke a handler themselves instead of mailing it.
 */
export async function storedReceipt(fixture: StackFixture, raw: Buffer, sesMessageId: string, envelopeSender: string) {
  const s3 = new S3Client({ forcePathStyle: true });
  await s3.send(
    new PutObjectCommand({
      Bucket: fixture.stack.bucketName,
      Key: `${RAW_MAIL.inboundPrefix}${sesMessageId}`,
      Body: raw,
    }),
  );
  s3.destroy();
  const verdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' } as const;
  return buildReceiptEvent(raw, {
    sesMessageId,
    envelopeSender,
    recipients: [TEST_CONFIG.supportAddress],
    verdicts,
    receivedAt: new Date(),
    region: TEST_CONFIG.region,
    functionName: 'mailcase-inbound',
  });
}
