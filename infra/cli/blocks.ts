import { BlockStore } from '../../functions/adapters/block-store.ts';
import { blockTarget, type SenderBlock } from '../../functions/core/sender-blocks.ts';
import { commandHelp, UsageError, type Command } from './command-line.ts';
import { formatTable, formatTime } from './format.ts';
import type { Target } from './target.ts';

/** Who a block set from the command line is recorded as having been set by. */
const CLI_AUTHOR = 'support CLI';

const list: Command = {
  path: ['blocks', 'list'],
  summary: 'Lists blocked senders: their mail is kept but opens no case and reaches nobody',
  synopsis: 'blocks list',
  details: `An agent's #spam blocks a case's sender (#spam domain, the sender's whole domain); blocks add
does it by hand. Mail from a blocked address or domain is stored and recorded (outcome "held",
reason "blocked sender") but opens no case, notifies nobody and is never acknowledged.

Example: support blocks list`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_args, context) {
    const target = await context.target();
    const blocks = await storeOf(target).list();
    if (blocks.length === 0) {
      context.io.out(`No sender is blocked in ${target.label}.`);
      return 0;
    }
    context.io.out(
      formatTable(
        ['Blocked', 'Scope', 'Since (UTC)', 'By', 'Case'],
        blocks.map((b) => [
          b.value,
          b.scope,
          formatTime(b.blockedAt).replace(' UTC', ''),
          b.blockedBy,
          b.caseNumber === undefined ? '—' : `#${b.caseNumber}`,
        ]),
      ),
    );
    return 0;
  },
};

const add: Command = {
  path: ['blocks', 'add'],
  summary: 'Blocks an address or a whole domain, as #spam does',
  synopsis: 'blocks add ADDRESS|DOMAIN',
  details: `An address (with @) blocks one sender; a domain (without @) blocks everyone at it. Cases already
open stay open; only later mail is held.

Example: support blocks add offers@spam.test`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ positionals }, context) {
    const wanted = parseTarget(positionals[0] ?? '', add);
    const target = await context.target();
    const block: SenderBlock = { ...wanted, blockedAt: new Date().toISOString(), blockedBy: CLI_AUTHOR };
    await storeOf(target).add(block);
    context.io.out(`Blocked ${wanted.scope} ${wanted.value} in ${target.label}: its mail opens no case from now on.`);
    return 0;
  },
};

const remove: Command = {
  path: ['blocks', 'remove'],
  summary: 'Lifts a block, so mail from the address or domain opens cases again',
  synopsis: 'blocks remove ADDRESS|DOMAIN',
  details: `Mail held while it was blocked stays held (replay it with support replay if it matters).

Example: support blocks remove offers@spam.test`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ positionals }, context) {
    const wanted = parseTarget(positionals[0] ?? '', remove);
    const target = await context.target();
    const removed = await storeOf(target).remove(wanted.value);
    context.io.out(
      removed === undefined
        ? `${wanted.value} is not blocked in ${target.label}; nothing changed.`
        : `Lifted the block on ${wanted.value} (set by ${removed.blockedBy} on ${removed.blockedAt.slice(0, 10)}).`,
    );
    return 0;
  },
};

function storeOf(target: Target): BlockStore {
  return new BlockStore(target.doc, target.tableName);
}

function parseTarget(value: string, command: Command): { value: string; scope: 'address' | 'domain' } {
  const wanted = blockTarget(value);
  if (wanted === undefined) throw new UsageError(`not an email address or a domain: "${value}"`, commandHelp(command));
  return wanted;
}

export const blockCommands: readonly Command[] = [list, add, remove];
