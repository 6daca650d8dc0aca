import { agentCommands } from './agents.ts';
import { blockCommands } from './blocks.ts';
import { caseCommands } from './cases.ts';
import { fileCommands } from './files.ts';
import { customerCommands } from './customers.ts';
import { reindexCommands } from './cases-reindex.ts';
import {
  COMMON_HELP,
  commandHelp,
  OperationError,
  parseCommandArgs,
  UsageError,
  type Command,
  type Io,
} from './command-line.ts';
import { replayCommands } from './replay.ts';
import { reportCommands } from './report.ts';
import { suppressionCommands } from './suppressions.ts';
import { openTarget } from './open-target.ts';
import type { Target } from './target.ts';
import { templateCommands } from './templates-check.ts';

/** Every command of `support`; the docs test checks the command lines it shows against them. */
export const COMMANDS: readonly Command[] = [
  ...agentCommands,
  ...caseCommands,
  ...fileCommands,
  ...reindexCommands,
  ...reportCommands,
  ...replayCommands,
  ...suppressionCommands,
  ...templateCommands,
  ...blockCommands,
  ...customerCommands,
];

/** Errors whose message is all an operator needs: no stack trace, exit status 1. */
const PLAIN_ERRORS = new Set(['OperationError', 'TeamChangedError', 'StoredTeamError']);

const TOP_HELP = `Usage: support <command> [options]

Operates the support pipeline: the local stack that npm start runs (the default), or a deployed
stack (--stack NAME).

Commands:
${COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(18)}${c.summary}`).join('\n')}

Run support <command> --help for its options and an example.

${COMMON_HELP}`;

/** Options that take a value, so the word after them is not taken for a command. */
const VALUE_OPTIONS = new Set(
  COMMANDS.flatMap((c) => Object.entries(c.options))
    .filter(([, o]) => o.type === 'string')
    .map(([name]) => `--${name}`)
    .concat(['--stack', '--region', '--data-dir']),
);

/**
 * `support ...` with `argv` (without node and the script). Returns the exit status: 0 done,
 * 1 failed (a plain message on stderr), 2 called wrongly (the reason and the usage on stderr).
 */
export async function runSupport(
  argv: readonly string[],
  io: Io = consoleIo(),
  now: () => Date = () => new Date(),
): Promise<number> {
  const debug = argv.includes('--debug');
  let target: Promise<Target> | undefined;
  try {
    const found = findCommand(argv);
    if (found.kind === 'help') {
      io.out(found.text);
      return 0;
    }
    const { command } = found;
    const input = parseCommandArgs(command, found.rest);
    if (input.values.help === true) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(input, {
      io,
      now,
      target: () => (target ??= openTarget(input.values, commandHelp(command))),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`support: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    const plain = error instanceof Error && (PLAIN_ERRORS.has(error.name) || error instanceof OperationError);
    io.err(`support: ${error instanceof Error ? error.message : String(error)}`);
    if (debug && error instanceof Error) io.err(String(error.stack ?? error));
    else if (!plain) io.err('(run again with --debug for the details)');
    return 1;
  } finally {
    await target?.then(
      (t) => t.close(),
      () => undefined,
    );
  }
}

/** The command the words name and the arguments around them, or the help asked for. */
function findCommand(
  argv: readonly string[],
): { kind: 'command'; command: Command; rest: string[] } | { kind: 'help'; text: string } {
  const words: number[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const token = argv[i] ?? '';
    if (token === '--') break;
    if (token.startsWith('-')) {
      if (VALUE_OPTIONS.has(token)) i++;
      continue;
    }
    words.push(i);
  }
  const wants = (i: number | undefined) => (i === undefined ? undefined : argv[i]);
  const group = wants(words[0]);
  const help = argv.includes('--help') || argv.includes('-h');
  if (group === undefined) {
    if (help) return { kind: 'help', text: TOP_HELP };
    throw new UsageError('name a command', TOP_HELP);
  }
  const inGroup = COMMANDS.filter((c) => c.path[0] === group);
  if (inGroup.length === 0) throw new UsageError(`there is no command "${group}"`, TOP_HELP);
  const without = (...indexes: number[]) => argv.filter((_, i) => !indexes.includes(i));
  const single = inGroup.find((c) => c.path.length === 1);
  if (single !== undefined) return { kind: 'command', command: single, rest: without(words[0] ?? -1) };
  const groupHelp = `Usage: support ${group} <${inGroup.map((c) => c.path[1]).join('|')}> [options]\n\n${inGroup.map((c) => `  ${(c.path[1] ?? '').padEnd(10)}${c.summary}`).join('\n')}\n\nRun support ${group} <command> --help for its options and an example.`;
  const sub = wants(words[1]);
  if (sub === undefined) {
    if (help) return { kind: 'help', text: groupHelp };
    throw new UsageError(`name one of the ${group} commands: ${inGroup.map((c) => c.path[1]).join(', ')}`, groupHelp);
  }
  const command = inGroup.find((c) => c.path[1] === sub);
  if (command === undefined) throw new UsageError(`there is no command "${group} ${sub}"`, groupHelp);
  return { kind: 'command', command, rest: without(words[0] ?? -1, words[1] ?? -1) };
}

function consoleIo(): Io {
  return { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) };
}
