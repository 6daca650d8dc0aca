import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { TableItem } from '../../functions/adapters/customer-records.ts';
import type { RawMailStore } from '../../functions/adapters/raw-mail-store.ts';
import { withoutTableKeys } from '../../functions/adapters/table-reads.ts';
import { objectKeysOf } from '../../functions/core/customer-data.ts';
import type { CustomerData } from './customer-collection.ts';

/** What `customers export` wrote, for its report. */
export interface ArchiveSummary {
  readonly cases: number;
  readonly messages: number;
  readonly ratings: number;
  readonly files: number;
  /** Objects a record names that S3 no longer holds (expired by the bucket's lifecycle rule). */
  readonly missing: readonly string[];
}

/**
 * Writes a customer's data as one gzipped tar archive: `manifest.json` (what is inside, and what
 * could not be found); per case `case.json`, `messages.json`, `ratings.json` and `files/` (the
 * raw mail as .eml, decoded bodies and attachments under their S3 keys); `other/records.json`
 * for the items outside any case that name the address.
 */
export async function writeCustomerArchive(
  data: CustomerData,
  rawMail: RawMailStore,
  path: string,
  exportedAt: Date,
): Promise<ArchiveSummary> {
  const tar = pack();
  const written = pipeline(tar, createGzip(), createWriteStream(path));
  const add = (name: string, content: Buffer | string) =>
    new Promise<void>((resolve, reject) =>
      tar.entry({ name, mtime: exportedAt }, content, (e) => (e ? reject(e) : resolve())),
    );
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const missing: string[] = [];
  const addFiles = async (folder: string, items: readonly TableItem[]) => {
    const keys = [...new Set(items.flatMap((item) => objectKeysOf(item)))];
    for (const key of keys) {
      const content = await rawMail.getContent(key).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'NoSuchKey') return undefined;
        throw error;
      });
      if (content === undefined) missing.push(key);
      else await add(`${folder}/files/${key}${key.startsWith('inbound/') ? '.eml' : ''}`, content);
    }
    return keys.length;
  };
  const manifestCases = [];
  let files = 0;
  for (const { caseNumber, partition, linked } of data.cases) {
    const folder = `cases/${caseNumber}`;
    const of = (...types: string[]) =>
      [...partition, ...linked].filter((i) => types.includes(String(i.type))).map((i) => withoutTableKeys(i));
    const [supportCase] = of('case');
    await add(`${folder}/case.json`, json(supportCase ?? null));
    await add(`${folder}/messages.json`, json(of('message')));
    await add(`${folder}/ratings.json`, json(of('rating', 'ratingEvent')));
    const caseFiles = await addFiles(folder, [...partition, ...linked]);
    files += caseFiles;
    manifestCases.push({
      caseNumber,
      messages: of('message').length,
      ratings: of('rating', 'ratingEvent').length,
      files: caseFiles,
    });
  }
  await add('other/records.json', json(data.others.map((item) => ({ ...item }))));
  files += await addFiles('other', data.others);
  const summary: ArchiveSummary = {
    cases: data.cases.length,
    messages: manifestCases.reduce((n, c) => n + c.messages, 0),
    ratings: manifestCases.reduce((n, c) => n + c.ratings, 0),
    files: files - missing.length,
    missing,
  };
  await add(
    'manifest.json',
    json({ address: data.address, exportedAt: exportedAt.toISOString(), ...summary, cases: manifestCases }),
  );
  tar.finalize();
  await written;
  return summary;
}
