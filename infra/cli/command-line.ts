import { parseArgs } from 'node:util';
import type { Target } from './target.ts';
import { plainParseError } from '../plain-parse-error.ts';

/** A command was called wrongly: the reason in one line, then its usage; exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The help of the command (or group) that was misused. */
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Something an operator must fix or know (no stack running, a case that does not exist ...); exit status 1, no stack trace. */
export class OperationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OperationError';
  }
}

/** Where a command writes: standard output for results, standard error for problems. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export type OptionSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** Options every command takes: where to work, and how much to say about a failure. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  stack: { type: 'string' },
  region: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const COMMON_HELP = `Where it works:
  --data-dir DIR     the local stack's data folder (default .local; npm start writes stack.json there)
  --stack NAME       a deployed stack instead, found by its CloudFormation outputs
                     (credentials and profile as the AWS CLI reads them: AWS_PROFILE ...)
  --region REGION    the deployed stack's region (default AWS_REGION or the profile's)
  --debug            show the full error when something fails
  -h, --help         this help`;

export interface CommandContext {
  readonly io: Io;
  /** The stack the command works against, opened on first use. */
  readonly target: () => Promise<Target>;
  readonly now: () => Date;
}

export interface CommandInput {
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** One command of `support`, e.g. `agents add`. */
export interface Command {
  /** The words that name it: `['agents', 'add']`, or `['report']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** The synopsis line after `support `, e.g. `agents add --name NAME --email ADDRESS --id ID [--role ROLE]`. */
  readonly synopsis: string;
  /** What it does and its own options, for `--help`. */
  readonly details: string;
  readonly options: OptionSpec;
  readonly positionals: { readonly min: number; readonly max: number };
  run(input: CommandInput, context: CommandContext): Promise<number>;
}

/** The full help of a command. */
export function commandHelp(command: Command): string {
  return `Usage: support ${command.synopsis}\n\n${command.summary}.\n\n${command.details}\n\n${COMMON_HELP}`;
}

/** Parses a command's arguments (after its name), or throws UsageError with the reason in one line. */
export function parseCommandArgs(command: Command, args: readonly string[]): CommandInput {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(plainParseError(error), commandHelp(command));
  }
  if (parsed.values.help === true) return { values: parsed.values, positionals: parsed.positionals };
  const { min, max } = command.positionals;
  if (parsed.positionals.length > max)
    throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`, commandHelp(command));
  if (parsed.positionals.length < min)
    throw new UsageError(`missing argument (see the usage below)`, commandHelp(command));
  return { values: parsed.values, positionals: parsed.positionals };
}

/** A string option's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}
