import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { headerValue, readHeaderBlock } from '../infra/local/raw-headers.ts';
import { safeFolder } from '../infra/local/ses-local.ts';
import { buildNewCase, type CaseThread } from './mail-mix.ts';
import { runLevel, type LevelContext } from './throughput.ts';

/** Seeding is not measured; this many at once fills the table quickly and warms every path up. */
const SEED_CONCURRENCY = 8;

/**
 * Opens `count` cases over SMTP and returns them as threads replies can join, each with the
 * acknowledgement's Message-ID as the customer's mail client would see it (SES's, from the .eml).
 */
export async function seedThreads(
  ctx: LevelContext,
  count: number,
  addresses: { runId: string; supportAddress: string; agentAddress: string },
): Promise<CaseThread[]> {
  const mails = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      buildNewCase('plain', i, { ...addresses, runId: `seed-${addresses.runId}` }),
    ),
  );
  const level = await runLevel(ctx, mails, SEED_CONCURRENCY);
  if (!level.accounting.allAccounted) throw new Error(`Seeding cases failed: ${level.accounting.problems.join('; ')}`);
  return Promise.all(
    mails.map(async (mail) => {
      const folder = join(ctx.stack.mailDir, safeFolder(mail.customer));
      const [ackFile] = await readdir(folder);
      const ack = readHeaderBlock(await readFile(join(folder, ackFile ?? '')));
      const original = readHeaderBlock(mail.raw);
      const caseNumber = level.records.find((r) => r.customer === mail.customer)?.caseNumber;
      const ackMessageId = headerValue(ack, 'message-id');
      const messageId = headerValue(original, 'message-id');
      if (caseNumber === undefined || ackMessageId === undefined || messageId === undefined)
        throw new Error(`Seed case for ${mail.customer} has no number or Message-IDs`);
      return {
        customer: mail.customer,
        subject: headerValue(original, 'subject') ?? '',
        messageId,
        ackMessageId,
        caseNumber,
      };
    }),
  );
}
