import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { storedFiles } from '../../functions/core/case-files.ts';
import { formatSize } from '../../functions/core/transcript.ts';
import { caseConversation } from './case-conversation.ts';
import { parseCaseNumber } from './cases.ts';
import { OperationError, stringOption, type Command } from './command-line.ts';

const get: Command = {
  path: ['files', 'get'],
  summary: "Saves a file of a case (a customer's or an agent's attachment) to disk",
  synopsis: 'files get CASE_NUMBER NAME [--out FILE]',
  details: `NAME is the file's name as support cases show lists it (quote it if it has spaces); the files of
cases merged into this one count as its own. When several files of the case have that name, the
newest is saved. The bytes are those the mail carried.
An existing file is never overwritten.

Options:
  --out FILE       where to save it (default: the file's own name in the current folder)

Example: support files get 1001 "screenshot 2.png" --out /tmp/screenshot.png`,
  options: { out: { type: 'string' } },
  positionals: { min: 2, max: 2 },
  async run({ positionals, values }, context) {
    const caseNumber = parseCaseNumber(positionals[0] ?? '');
    const name = positionals[1] ?? '';
    const target = await context.target();
    // A survivor's files include those of the cases merged into it.
    const files = storedFiles((await caseConversation(target, caseNumber)).messages);
    const named = files.filter((f) => f.filename === name);
    const file = named.at(-1);
    if (file === undefined) {
      const known = [...new Set(files.map((f) => `"${f.filename}"`))].join(', ');
      throw new OperationError(
        files.length === 0
          ? `Case #${caseNumber} in ${target.label} has no files.`
          : `Case #${caseNumber} has no file named "${name}"; its files: ${known}.`,
      );
    }
    const out = resolve(stringOption(values, 'out') ?? (basename(file.filename.replace(/\\/g, '/')) || 'attachment'));
    const bytes = await target.rawMail.getContent(file.key);
    await writeFile(out, bytes, { flag: 'wx' }).catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'EEXIST')
        throw new OperationError(`${out} exists already; choose another place with --out FILE.`);
      throw error;
    });
    const newest = named.length > 1 ? ` (the newest of ${named.length} files with that name)` : '';
    context.io.out(
      `Saved ${file.filename} (${file.contentType}, ${formatSize(bytes.length)}) of case #${caseNumber} to ${out}${newest}.`,
    );
    return 0;
  },
};

export const fileCommands: readonly Command[] = [get];
