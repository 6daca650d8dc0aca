import { mkdir, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Maildir delivery (https://cr.yp.to/proto/maildir.html), so `mutt -f <folder>` or any mail client
 * opens what the local SES sent to one recipient: a raw .eml is a message, not a mailbox, and a
 * glob of them hands mutt its extra names as recipients.
 */

/** The three folders a Maildir has; a reader recognises one by them. */
const MAILDIR_FOLDERS = ['tmp', 'new', 'cur'] as const;

/** Names in one process are told apart by this counter as well as the time, as the spec asks. */
let deliveries = 0;

/** A name no other delivery uses: `<seconds>.M<microseconds>P<pid>Q<count>.<host>`. */
export function maildirName(at: Date = new Date()): string {
  const ms = at.getTime();
  const micro = (ms % 1000) * 1000;
  // A slash or colon in the host would be read as a folder or as the flags separator.
  const host = hostname().replace(/\//g, '\\057').replace(/:/g, '\\072');
  return `${Math.floor(ms / 1000)}.M${micro}P${process.pid}Q${++deliveries}.${host}`;
}

/**
 * Delivers `raw` into the Maildir at `folder` (created with tmp/, new/ and cur/ if missing): written
 * whole in tmp/, then renamed into new/, so a reader never sees half a message. Returns its path.
 */
export async function deliverToMaildir(folder: string, raw: Buffer, at: Date = new Date()): Promise<string> {
  await Promise.all(MAILDIR_FOLDERS.map((sub) => mkdir(join(folder, sub), { recursive: true })));
  const name = maildirName(at);
  const written = join(folder, 'tmp', name);
  const delivered = join(folder, 'new', name);
  await writeFile(written, raw);
  await rename(written, delivered);
  return delivered;
}
