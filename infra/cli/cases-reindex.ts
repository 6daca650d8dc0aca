import { reindexCases } from '../../functions/adapters/status-index-migration.ts';
import type { Command } from './command-line.ts';

const reindex: Command = {
  path: ['cases', 'reindex'],
  summary: 'Moves cases written before the sharded status index into it (once, after upgrading)',
  synopsis: 'cases reindex',
  details: `Until it has run, cases that have not changed since the upgrade are missing from cases list and
report. Safe while mail flows and safe to run again: a case that changes meanwhile is written with
its new keys anyway. The local stack does this itself when it starts on an older table.

Example: support cases reindex --stack MailcaseSupport`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_input, context) {
    const target = await context.target();
    const moved = await reindexCases(target.doc, target.tableName);
    context.io.out(
      moved === 0
        ? `Every case in ${target.label} is in the sharded status index already.`
        : `Moved ${moved} case${moved === 1 ? '' : 's'} of ${target.label} into the sharded status index.`,
    );
    return 0;
  },
};

export const reindexCommands: readonly Command[] = [reindex];
