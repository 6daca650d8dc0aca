import { parseArgs } from 'node:util';
import { plainParseError } from '../plain-parse-error.ts';

/** `npm start` was called wrongly: the reason in one line; exit status 2. */
export class StartUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartUsageError';
  }
}

export const START_USAGE = `Usage: npm start -- [options]

Runs the whole support pipeline on this machine: SMTP in, cases in DynamoDB Local, mail out as
.eml files and one Maildir per recipient.

Options (after the --, or npm keeps them for itself):
  --demo                   open around the clock, targets, nudges and auto-solve in minutes
                           (cdk.json is not touched): see a warning, a breach, an escalation,
                           a nudge and an auto-solve within 10 minutes
  --smtp-port <n>          SMTP port on 127.0.0.1 (default 2525, or $SMTP_PORT)
  --survey-port <n>        port of the survey page on 127.0.0.1 (default 2580, or $SURVEY_PORT)
  --support-address <a>    the support address (default from cdk.json, or $SUPPORT_ADDRESS)
  --data-dir <dir>         where state and delivered mail live (default .local)
  --in-memory              keep state in memory only; mail goes to a temporary folder
  -h, --help               show this help`;

const OPTIONS = {
  demo: { type: 'boolean', default: false },
  'smtp-port': { type: 'string' },
  'survey-port': { type: 'string' },
  'support-address': { type: 'string' },
  'data-dir': { type: 'string' },
  'in-memory': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface StartOptions {
  readonly help: boolean;
  readonly demo: boolean;
  readonly smtpPort: number;
  readonly surveyPort: number;
  readonly supportAddress: string | undefined;
  /** As given (relative to the working folder), or undefined for the default. */
  readonly dataDir: string | undefined;
  readonly inMemory: boolean;
}

/**
 * Reads `npm start`'s arguments (after npm's `--`), with the environment for the defaults and for
 * what npm took: run without `--`, npm keeps every option for itself (as `npm_config_<name>=true`)
 * and hands on only their values, so `npm start --smtp-port 3027` arrives as a lone `3027`.
 */
export function parseStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  const eaten = optionsNpmKept(env);
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      const message = plainParseError(error);
      throw new StartUsageError(
        message.startsWith('unknown option') ? `${message} (npm start -- --help lists them)` : message,
      );
    }
  })();
  if (eaten.length > 0)
    throw new StartUsageError(
      `npm took ${eaten.join(' ')} for itself: run ${suggestion(eaten, positionals)} (options go after --)`,
    );
  const [stray] = positionals;
  if (stray !== undefined) {
    const hint = /^\d+$/.test(stray)
      ? `; did you mean npm start -- --smtp-port ${stray}? (options go after --)`
      : ' (options start with --, after npm start --)';
    throw new StartUsageError(`unexpected argument "${stray}"${hint}`);
  }
  if (values['in-memory'] && values['data-dir'] !== undefined)
    throw new StartUsageError('--in-memory keeps no data folder; give --in-memory or --data-dir, not both');
  return {
    help: values.help,
    demo: values.demo,
    smtpPort: portOption('smtp-port', values['smtp-port'] ?? env.SMTP_PORT ?? '2525'),
    surveyPort: portOption('survey-port', values['survey-port'] ?? env.SURVEY_PORT ?? '2580'),
    supportAddress: values['support-address'] ?? env.SUPPORT_ADDRESS,
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
  };
}

/** Our options npm kept for itself (it sets `npm_config_smtp_port=true` for `--smtp-port`), in the order of the usage. */
function optionsNpmKept(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(OPTIONS)
    .filter((name) => name !== 'help' && env[`npm_config_${name.replace(/-/g, '_')}`] === 'true')
    .map((name) => `--${name}`);
}

/**
 * The command that was meant: each option npm took, with the value npm passed on for it. npm's
 * environment does not keep the order, so numbers go to the ports and other words to the rest.
 */
function suggestion(eaten: readonly string[], positionals: readonly string[]): string {
  const numbers = positionals.filter((p) => /^\d+$/.test(p));
  const others = positionals.filter((p) => !/^\d+$/.test(p));
  const words = eaten.map((option) => {
    if (OPTIONS[option.slice(2) as keyof typeof OPTIONS].type !== 'string') return option;
    const value = option.endsWith('-port') ? numbers.shift() : others.shift();
    return `${option} ${value ?? '<value>'}`;
  });
  return `npm start -- ${words.join(' ')}`;
}

function portOption(name: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new StartUsageError(`--${name} must be a port number (0-65535), not "${value}"`);
  return port;
}
