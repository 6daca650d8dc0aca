import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuppressionStore } from '../../functions/adapters/suppression-store.ts';
import { addressHash, namesAddress, objectKeysOf } from '../../functions/core/customer-data.ts';
import { runSupport } from '../../infra/cli/main.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { answerSurvey } from '../support/survey-client.ts';

const ANA = 'ana@customer.test';
const LEA = 'lea@customer.test';
const RECEIPT = Buffer.from('%PDF-1.4 receipt of order 4711\n');

/** Every entry of a gzipped tar, by name. */
async function readArchive(path: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      entries.set(header.name, Buffer.concat(chunks));
      next();
    });
  });
  await pipeline(createReadStream(path), createGunzip(), reader);
  return entries;
}

describe("a customer's data on request: export and erasure", () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let scratch: string;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  const doc = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const s3 = () => new S3Client({ forcePathStyle: true });

  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    scratch = await mkdtemp(join(tmpdir(), 'customer-data-'));
    maria = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
    // Prepare: Ana's case with an attachment, answered, solved and rated; Lea's case beside it.
    await customer.send({
      from: `Ana Souza <${ANA}>`,
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Order 4711 never arrived.',
      attachments: [{ filename: 'receipt.pdf', content: RECEIPT }],
    });
    await customer.send({
      from: `Lea Brandt <${LEA}>`,
      to: 'support@example.test',
      subject: 'Invoice',
      text: 'Please send an invoice.',
    });
    const notice = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.startsWith('[Case #1001]'),
    );
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notice?.mail ?? {}),
      subject: `Re: ${notice?.mail.subject}`,
      text: '#solve\nWe sent a replacement today.',
    });
    const closing = (await fixture.mailbox(ANA)).at(-1)?.mail.text ?? '';
    expect(await answerSurvey(closing, 'great', 'Fast and kind')).toBe(200);
    await new SuppressionStore(doc(), fixture.stack.tableName).record(
      {
        address: ANA,
        reason: 'complaint',
        detail: 'abuse',
        at: '2026-12-01T10:00:00.000Z',
        sesMessageId: 'ses-1',
        feedbackId: 'fb-1',
      },
      new Date(),
    );
  });
  afterAll(async () => {
    maria.close();
    customer.close();
    await fixture.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  async function support(...args: string[]) {
    const out: string[] = [];
    const code = await runSupport([...args, '--data-dir', dirname(fixture.stack.stackFile)], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    return { code, out: out.join('\n') };
  }
  async function allItems(): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc().send(new ScanCommand({ TableName: fixture.stack.tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }
  async function allObjects(): Promise<Map<string, string>> {
    const client = s3();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: fixture.stack.bucketName }));
    const objects = new Map<string, string>();
    for (const { Key } of listed.Contents ?? []) {
      if (Key === undefined) continue;
      const body = await client.send(new GetObjectCommand({ Bucket: fixture.stack.bucketName, Key }));
      objects.set(Key, (await body.Body?.transformToString('latin1')) ?? '');
    }
    return objects;
  }

  it('export writes her case, its messages, the raw mail, the attachment and the rating into one archive', async () => {
    // Act
    const path = join(scratch, 'ana.tar.gz');
    const result = await support('customers', 'export', 'Ana@Customer.test', '--out', path);

    // Assess
    expect(result).toEqual({
      code: 0,
      out: expect.stringMatching(
        /^Wrote .*ana\.tar\.gz: 1 case\(s\), \d+ message\(s\), \d+ file\(s\), 2 rating\(s\) of ana@customer\.test/,
      ),
    });
    const entries = await readArchive(path);
    const json = (name: string) => JSON.parse(entries.get(name)?.toString('utf8') ?? 'null');
    expect(json('manifest.json')).toMatchObject({
      address: ANA,
      cases: [{ caseNumber: 1001, ratings: 2 }],
      missing: [],
    });
    expect(json('cases/1001/case.json')).toMatchObject({
      caseNumber: 1001,
      requester: { address: ANA },
      status: 'solved',
    });
    const messages: Array<{ kind: string; words?: string }> = json('cases/1001/messages.json');
    expect(messages.map((m) => m.kind)).toEqual(expect.arrayContaining(['customer', 'agent-reply', 'closing']));
    expect(json('cases/1001/ratings.json')).toEqual(
      expect.arrayContaining([expect.objectContaining({ answer: 'great', comment: 'Fast and kind' })]),
    );
    const names = [...entries.keys()];
    const raw = names.find((n) => n.startsWith('cases/1001/files/inbound/') && n.endsWith('.eml'));
    expect(entries.get(raw ?? '')?.toString('latin1')).toContain('Order 4711 never arrived.');
    expect(names.filter((n) => n.endsWith('receipt.pdf')).map((n) => entries.get(n))).toEqual([RECEIPT]);
    expect(names.some((n) => n.startsWith('cases/1002/'))).toBe(false);
    expect(JSON.stringify(json('other/records.json'))).toContain(`SUPPRESSED#${ANA}`);
  });

  it('erase without --yes only says what it would delete', async () => {
    // Act
    const result = await support('customers', 'erase', ANA);

    // Assess
    expect(result.out).toMatch(
      /^Would erase 1 case\(s\), \d+ message\(s\), 2 rating\(s\), \d+ other item\(s\) and \d+ S3 object\(s\) of ana@customer\.test/,
    );
    expect((await allItems()).some((item) => namesAddress(item, ANA))).toBe(true);
  });

  it('erase leaves no item or object that names her, keeps her complaint as a hash, and writes an audit record', async () => {
    // Prepare
    const hers = [
      ...new Set((await allItems()).filter((i) => i.type === 'message' && i.caseNumber === 1001).flatMap(objectKeysOf)),
    ];
    // Her raw mail and its attachment (which the team's notification names too), and the raw mail of Maria's answer.
    expect(hers.sort()).toEqual([
      expect.stringMatching(/^content\/.*\/attachments\/1-receipt\.pdf$/),
      expect.stringMatching(/^inbound\//),
      expect.stringMatching(/^inbound\//),
    ]);
    expect([...(await allObjects()).values()].some((body) => body.includes(ANA))).toBe(true);

    // Act
    const result = await support('customers', 'erase', ANA, '--yes', '--by', 'ticket 4711');

    // Assess
    expect(result.code).toBe(0);
    expect(result.out).toContain('nothing in the case table names it now');
    const items = await allItems();
    expect(items.filter((item) => namesAddress(item, ANA))).toEqual([]);
    expect(items.filter((item) => item.caseNumber === 1001)).toEqual([]);
    const objectsAfter = await allObjects();
    expect([...objectsAfter].filter(([, body]) => body.toLowerCase().includes(ANA))).toEqual([]);
    expect(hers.filter((key) => objectsAfter.has(key))).toEqual([]);
    // Lea's case and her mail are untouched.
    expect(items.find((item) => item.pk === 'CASE#1002' && item.sk === 'CASE')).toMatchObject({
      requester: { address: LEA },
    });
    expect([...objectsAfter.values()].some((body) => body.includes('Please send an invoice.'))).toBe(true);
    // The audit record: who, when, which address (as a hash), what was removed.
    expect(items.filter((item) => item.type === 'erasureAudit')).toEqual([
      expect.objectContaining({
        pk: 'AUDIT#ERASURE',
        addressHash: addressHash(ANA),
        erasedBy: 'ticket 4711',
        erasedAt: expect.any(String),
        cases: 1,
        ratings: 2,
        messages: expect.any(Number),
        objects: hers.length,
        suppressionKept: true,
      }),
    ]);
    // Mail to her stays withheld.
    const kept = await new SuppressionStore(doc(), fixture.stack.tableName).find([ANA]);
    expect(kept.get(ANA)).toMatchObject({ address: ANA, reason: 'complaint' });
  });
});
