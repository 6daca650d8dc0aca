import { resolve } from 'node:path';
import { addressHash, customerAddress } from '../../functions/core/customer-data.ts';
import { booleanOption, commandHelp, stringOption, UsageError, type Command } from './command-line.ts';
import { writeCustomerArchive } from './customer-archive.ts';
import { collectCustomerData } from './customer-collection.ts';
import { eraseCustomerData, erasureCounts } from './customer-erasure.ts';
import { storesOf } from './target.ts';

/** Loose, on purpose: stops a typo such as a missing @, not an unusual address a customer really has. */
const LOOKS_LIKE_ADDRESS = /^[^\s@]+@[^\s@]+$/;

function addressOf(positionals: readonly string[], command: Command): string {
  const address = customerAddress(positionals[0] ?? '');
  if (!LOOKS_LIKE_ADDRESS.test(address)) throw new UsageError(`not an email address: ${address}`, commandHelp(command));
  return address;
}

const exportCommand: Command = {
  path: ['customers', 'export'],
  summary: "Writes every case, message, file and rating of a customer's address into one archive",
  synopsis: 'customers export ADDRESS [--out FILE]',
  details: `Every case that names the address (as requester, participant or in its history), whole:
the case, its messages, the raw mail (.eml), decoded bodies and attachments, and its ratings; and
the other records that name the address. manifest.json lists what is inside and any file S3 no
longer holds. Reads the whole case table (there is no index by address).

Options:
  --out FILE   where to write the gzipped tar (default customer-<hash>.tar.gz in this folder)

Example: support customers export ana@customer.test --out ana.tar.gz`,
  options: { out: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    const address = addressOf(positionals, exportCommand);
    const path = resolve(stringOption(values, 'out') ?? `customer-${addressHash(address).slice(0, 12)}.tar.gz`);
    const target = await context.target();
    const data = await collectCustomerData(target, storesOf(target).suppressions, address);
    const summary = await writeCustomerArchive(data, target.rawMail, path, context.now());
    context.io.out(
      `Wrote ${path}: ${summary.cases} case(s), ${summary.messages} message(s), ${summary.files} file(s), ${summary.ratings} rating(s) of ${address} from ${target.label}.`,
    );
    if (summary.missing.length > 0)
      context.io.out(`${summary.missing.length} file(s) had expired from S3 already; manifest.json lists them.`);
    return 0;
  },
};

const erase: Command = {
  path: ['customers', 'erase'],
  summary:
    "Deletes everything stored about a customer's address, keeping only an audit record and a hashed suppression",
  synopsis: 'customers erase ADDRESS [--yes] [--by NAME]',
  details: `Deletes every case that names the address, whole (its items, raw mail, bodies, attachments,
ratings, Message-ID lookups and intake records), and every other record that names it (counters, a
suppression). A suppression stays, as the SHA-256 of the address, so mail to it is still withheld.
An audit record (who, when, the address's hash, what was removed) is kept under AUDIT#ERASURE.
Without --yes it only says what it would delete. Export first if the customer asked for a copy.

Options:
  --yes        erase (without it: a dry run)
  --by NAME    who asks for it, for the audit record (default your login name)

Example: support customers erase ana@customer.test --yes --by "ticket 4711, M. Lopez"`,
  options: { yes: { type: 'boolean' }, by: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    const address = addressOf(positionals, erase);
    const target = await context.target();
    const data = await collectCustomerData(target, storesOf(target).suppressions, address);
    const counts = erasureCounts(data);
    const what = `${counts.cases} case(s), ${counts.messages} message(s), ${counts.ratings} rating(s), ${counts.otherItems} other item(s) and ${counts.objects} S3 object(s)`;
    if (!booleanOption(values, 'yes')) {
      context.io.out(`Would erase ${what} of ${address} in ${target.label}. Run again with --yes to erase.`);
      return 0;
    }
    const by = stringOption(values, 'by');
    const audit = await eraseCustomerData(target, data, context.now(), ...(by === undefined ? [] : [by]));
    context.io.out(
      `Erased ${what} of ${address} in ${target.label}; nothing in the case table names it now. Audit record AUDIT#ERASURE/${audit.erasedAt}#${audit.addressHash}${counts.suppressionKept ? '; its suppression is kept as a hash' : ''}.`,
    );
    return 0;
  },
};

export const customerCommands: readonly Command[] = [exportCommand, erase];
