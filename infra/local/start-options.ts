import { parseArgs } from 'node:util';
import { plainParseError } from '../plain-parse-error.ts';
import type { CrashStep } from './crash-hook.ts';

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
  --config <file>          a JSON object of support settings laid over cdk.json's, field by
                           field (as cdk -c support=... does), e.g. more queues
  --data-dir <dir>         where state and delivered mail live (default .local)
  --in-memory              keep state in memory only; mail goes to a temporary folder
  --faults <share>         fail this share (0-1, e.g. 0.05) of the functions' AWS calls as AWS
                           does: throttling, 500s, timeouts, lost responses (docs/design.md)
  --fault-seed <n>         seed of the fault dice (default 1), to repeat a run
  --crash-at <step>        kill each mail's first attempt before its nth AWS call (3), before
                           a call (SendEmail#1: the first send) or at its end (before-return);
                           the retries and the failed-mail queue take it in
  -h, --help               show this help`;

const OPTIONS = {
  demo: { type: 'boolean', default: false },
  'smtp-port': { type: 'string' },
  'survey-port': { type: 'string' },
  'support-address': { type: 'string' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'in-memory': { type: 'boolean', default: false },
  faults: { type: 'string' },
  'fault-seed': { type: 'string' },
  'crash-at': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface StartOptions {
  readonly help: boolean;
  readonly demo: boolean;
  readonly smtpPort: number;
  readonly surveyPort: number;
  readonly supportAddress: string | undefined;
  /** `--config <file>`: support settings laid over cdk.json's; undefined for cdk.json's alone. */
  readonly configFile: string | undefined;
  /** As given (relative to the working folder), or undefined for the default. */
  readonly dataDir: string | undefined;
  readonly inMemory: boolean;
  /** `--faults`, `--fault-seed`, `--crash-at`: undefined unless one of them was given. */
  readonly faults: { readonly rate: number; readonly seed?: number; readonly crashAt?: CrashStep } | undefined;
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
    configFile: values.config,
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
    faults: faultOptions(values.faults, values['fault-seed'], values['crash-at']),
  };
}

/** `--faults 0.05 --fault-seed 7 --crash-at 3`; a seed or crash step alone switches the layer on with no random faults. */
function faultOptions(
  rate: string | undefined,
  seed: string | undefined,
  crashAt: string | undefined,
): StartOptions['faults'] {
  if (rate === undefined && seed === undefined && crashAt === undefined) return undefined;
  const share = Number(rate ?? '0');
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(rate ?? '0') || share > 1)
    throw new StartUsageError(`--faults must be a share from 0 to 1 (0.05 is 5%), not "${rate}"`);
  const whole = (name: string, value: string | undefined, least: number) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < least)
      throw new StartUsageError(`--${name} must be a whole number of at least ${least}, not "${value}"`);
    return Number(value);
  };
  const seedNumber = whole('fault-seed', seed, 0);
  const step = crashStep(crashAt);
  return {
    rate: share,
    ...(seedNumber === undefined ? {} : { seed: seedNumber }),
    ...(step === undefined ? {} : { crashAt: step }),
  };
}

function crashStep(value: string | undefined): CrashStep | undefined {
  if (value === undefined) return undefined;
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  if (value === 'before-return') return value;
  const call = /^([A-Za-z]+)#([1-9]\d*)$/.exec(value);
  if (call?.[1] !== undefined && call[2] !== undefined) return `${call[1]}#${Number(call[2])}`;
  throw new StartUsageError(
    `--crash-at takes a call number (3), an AWS call and its occurrence (SendEmail#1) or before-return, not "${value}"`,
  );
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
