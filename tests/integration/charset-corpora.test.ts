import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../functions/mail/parse-message.ts';

/**
 * Subjects, sender names and attachment names of real mail nobody on this project wrote
 * (../shared/corpora/README.md): Stalwart's corpus with its expected parse of every message, and the
 * Ruby mail gem's broken messages. The corpora are not part of the repository; without them this skips.
 */
const CORPORA = resolve(import.meta.dirname, '../../../shared/corpora');
const STALWART = join(CORPORA, 'mime-stalwart-mail-parser/resources/eml');
const RUBY = join(CORPORA, 'mime-ruby-mail/spec/fixtures/emails');

/** Stalwart messages whose values we read differently for reasons that have nothing to do with charsets. */
const NOT_ABOUT_CHARSETS: Readonly<Record<string, string>> = {
  // An inline text/plain part with a file name is body text to mailparser, not an attachment.
  'legacy/030.eml': 'inline text part with a name',
  'legacy/042.eml': 'inline text part with a name',
  'legacy/047.eml': 'inline text part with a name',
  // From without an address ("From: Whomever", "<moderator>"): no sender we could answer.
  'rfc/001.eml': 'From without an address',
  'rfc/004.eml': 'From without an address',
  'thirdparty/007.eml': 'From without a domain',
};
/** Ruby messages whose raw bytes already hold U+FFFD: the loss happened before the mail reached us. */
const REPLACEMENT_CHARACTERS_IN_SOURCE = new Set(['error_emails/must_supply_encoding.eml']);
/** What a misread charset looks like: replacement characters, C0/C1 controls, UTF-8 read as Latin-1. */
const MISREAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0080-\u009f\ufffd]|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]/;

interface Expected {
  readonly subject?: string;
  readonly fromName?: string;
  readonly filenames: readonly string[];
}

type JsonHeader = { readonly name: unknown; readonly value: Record<string, unknown> | undefined };
type JsonPart = { readonly headers: readonly JsonHeader[] };

function attribute(header: JsonHeader | undefined, name: string): string | undefined {
  const contentType = header?.value?.ContentType as
    | { attributes?: Array<{ name: string; value: string }> | null }
    | undefined;
  return contentType?.attributes?.find((a) => a.name === name)?.value;
}

/** Subject, first From name and attachment names from a Stalwart expectation file. */
function expectedOf(json: { parts: JsonPart[]; attachments: number[] }): Expected {
  const top = json.parts[0]?.headers ?? [];
  const subject = top.find((h) => h.name === 'subject')?.value?.Text;
  const from = top.find((h) => h.name === 'from')?.value?.Address as { List?: Array<{ name?: string }> } | undefined;
  const filenames = json.attachments.flatMap((index) => {
    const headers = json.parts[index]?.headers ?? [];
    const name =
      attribute(
        headers.find((h) => h.name === 'content_disposition'),
        'filename',
      ) ??
      attribute(
        headers.find((h) => h.name === 'content_type'),
        'name',
      );
    return name === undefined ? [] : [name];
  });
  return {
    ...(typeof subject === 'string' ? { subject } : {}),
    ...(from?.List?.[0]?.name ? { fromName: from.List[0].name } : {}),
    filenames,
  };
}

/** Stalwart writes U+FFFD where it could not read a byte; we may read the letter there. */
function readsAsExpected(expected: string, actual: string | undefined): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const pattern = norm(expected)
    .split('\ufffd')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\ufffd]');
  return new RegExp(`^${pattern}$`).test(norm(actual ?? ''));
}

function emlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? emlFiles(join(dir, e.name)) : e.name.endsWith('.eml') ? [join(dir, e.name)] : [],
    )
    .sort();
}

describe.skipIf(!existsSync(STALWART) || !existsSync(RUBY))(
  'charsets of real-world mail (skipped when ../shared/corpora is absent)',
  () => {
    it('reads every Stalwart subject, sender name and attachment name as Stalwart expects, or better', async () => {
      // Prepare
      const misread: string[] = [];

      // Act
      for (const path of emlFiles(STALWART)) {
        const name = path.slice(STALWART.length + 1);
        if (name in NOT_ABOUT_CHARSETS) continue;
        const expected = expectedOf(JSON.parse(readFileSync(path.replace(/\.eml$/, '.json'), 'utf8')));
        const mail = await parseMessage(readFileSync(path));
        const names = mail.attachments.map((a) => a.filename);
        if (expected.subject !== undefined && !readsAsExpected(expected.subject, mail.subject))
          misread.push(`${name} subject: ${mail.subject}`);
        if (expected.fromName !== undefined && !readsAsExpected(expected.fromName, mail.from?.name))
          misread.push(`${name} From: ${mail.from?.name}`);
        for (const file of expected.filenames)
          if (!names.some((n) => readsAsExpected(file, n))) misread.push(`${name} file ${file}: ${names.join(', ')}`);
      }

      // Assess
      expect(misread).toEqual([]);
    });

    it('shows no replacement character, control character or UTF-8-as-Latin-1 in a Ruby mail subject, sender name or attachment name', async () => {
      // Prepare
      const misread: string[] = [];

      // Act
      for (const path of emlFiles(RUBY)) {
        const name = path.slice(RUBY.length + 1);
        if (REPLACEMENT_CHARACTERS_IN_SOURCE.has(name)) continue;
        const mail = await parseMessage(readFileSync(path));
        const values = [mail.subject, mail.from?.name, ...mail.attachments.map((a) => a.filename)];
        for (const value of values) if (value !== undefined && MISREAD.test(value)) misread.push(`${name}: ${value}`);
      }

      // Assess
      expect(misread).toEqual([]);
    });
  },
);
