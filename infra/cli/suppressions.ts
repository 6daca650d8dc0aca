import { describeSuppression, suppressionAddress } from '../../functions/core/suppression.ts';
import { commandHelp, UsageError, type Command } from './command-line.ts';
import { formatTable } from './format.ts';
import { storesOf } from './target.ts';

/** Loose, on purpose: an address SES reported is whatever the mail said; this only stops a typo such as a missing @. */
const LOOKS_LIKE_ADDRESS = /^[^\s@]+@[^\s@]+$/;

const show: Command = {
  path: ['suppressions', 'show'],
  summary: 'Says whether mail to each address is withheld, and why (bounce or complaint)',
  synopsis: 'suppressions show ADDRESS [ADDRESS...]',
  details: `An address is suppressed after a permanent bounce or a spam complaint; nothing is sent to it
until it is removed. The reason, SES's details, the date and the SES message id that drew it are shown.

Example: support suppressions show ana@customer.test`,
  options: {},
  positionals: { min: 1, max: 100 },
  async run({ positionals }, context) {
    const addresses = parseAddresses(positionals, show);
    const target = await context.target();
    const found = await storesOf(target).suppressions.find(addresses);
    context.io.out(
      formatTable(
        ['Address', 'Suppressed', 'Why', 'SES message'],
        addresses.map((address) => {
          const s = found.get(address);
          return s === undefined ? [address, 'no', '', ''] : [address, 'yes', describeSuppression(s), s.sesMessageId];
        }),
      ),
    );
    return 0;
  },
};

const remove: Command = {
  path: ['suppressions', 'remove'],
  summary: 'Takes an address off the suppression list, so mail goes to it again',
  synopsis: 'suppressions remove ADDRESS',
  details: `For when the reason is gone: the mailbox that bounced exists again, or a customer who marked our
mail as spam asks for it back. Mail that was withheld is not sent again; the next mail is.

On AWS, SES's own account-level suppression list may hold the address too; the command says how
to check and clear it there.

Example: support suppressions remove ana@customer.test`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ positionals }, context) {
    const [address = ''] = parseAddresses(positionals, remove);
    const target = await context.target();
    const removed = await storesOf(target).suppressions.remove(address);
    if (removed === undefined) {
      context.io.out(`${address} is not on the suppression list of ${target.label}; nothing changed.`);
      return 0;
    }
    context.io.out(
      `Removed ${address} from the suppression list of ${target.label} (it was: ${describeSuppression(removed)}). Mail goes to it again.`,
    );
    if (removed.reason === 'complaint')
      context.io.out(
        'It was a spam complaint: write to it only because its owner asked, or the complaint rate SES watches goes up.',
      );
    if (target.deployed)
      context.io.out(
        `SES may list it too, account-wide: aws sesv2 get-suppressed-destination --email-address ${address} --region ${target.region} (and delete-suppressed-destination to clear it).`,
      );
    return 0;
  },
};

function parseAddresses(values: readonly string[], command: Command): string[] {
  const bad = values.filter((v) => !LOOKS_LIKE_ADDRESS.test(v.trim()));
  if (bad.length > 0) throw new UsageError(`not an email address: ${bad.join(', ')}`, commandHelp(command));
  return [...new Set(values.map(suppressionAddress))];
}

export const suppressionCommands: readonly Command[] = [show, remove];
