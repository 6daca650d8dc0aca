import { describe, expect, it } from 'vitest';
import { parseStartOptions, StartUsageError } from '../../infra/local/start-options.ts';

/** The message parseStartOptions refuses the arguments with. */
const refusal = (argv: string[], env: NodeJS.ProcessEnv = {}): string => {
  try {
    parseStartOptions(argv, env);
  } catch (error) {
    if (error instanceof StartUsageError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('npm start options', () => {
  it('reads the options after --, with the environment and the defaults for the rest', () => {
    expect(
      parseStartOptions(['--demo', '--smtp-port', '3027', '--data-dir', 'elsewhere'], { SURVEY_PORT: '2999' }),
    ).toEqual({
      help: false,
      demo: true,
      smtpPort: 3027,
      surveyPort: 2999,
      supportAddress: undefined,
      configFile: undefined,
      dataDir: 'elsewhere',
      inMemory: false,
      faults: undefined,
    });
    expect(parseStartOptions([], {})).toMatchObject({
      demo: false,
      smtpPort: 2525,
      surveyPort: 2580,
      dataDir: undefined,
    });
  });

  it('rebuilds the command that was meant from the options npm kept for itself, numbers going to the ports', () => {
    // What `npm start --data-dir /tmp/x --demo --smtp-port 3027` hands the script.
    const env = { npm_config_demo: 'true', npm_config_smtp_port: 'true', npm_config_data_dir: 'true' };
    expect(refusal(['/tmp/x', '3027'], env)).toBe(
      'npm took --demo --smtp-port --data-dir for itself: run npm start -- --demo --smtp-port 3027 --data-dir /tmp/x (options go after --)',
    );
    expect(refusal([], { npm_config_in_memory: 'true' })).toBe(
      'npm took --in-memory for itself: run npm start -- --in-memory (options go after --)',
    );
  });

  it('refuses a stray word, a port out of range and two ways of keeping state', () => {
    expect(refusal(['start'])).toBe('unexpected argument "start" (options start with --, after npm start --)');
    expect(refusal(['--survey-port', '70000'])).toBe('--survey-port must be a port number (0-65535), not "70000"');
    expect(refusal([], { SMTP_PORT: '-1' })).toBe('--smtp-port must be a port number (0-65535), not "-1"');
    expect(refusal(['--in-memory', '--data-dir', 'x'])).toBe(
      '--in-memory keeps no data folder; give --in-memory or --data-dir, not both',
    );
    expect(refusal(['--demo=yes'])).toBe('--demo takes no value');
    expect(refusal(['--smtp-port'])).toBe('--smtp-port needs a value');
  });

  it('switches the fault layer on with a share of calls, a seed and a crash step', () => {
    expect(parseStartOptions(['--faults', '0.05'], {}).faults).toEqual({ rate: 0.05 });
    expect(parseStartOptions(['--faults', '.2', '--fault-seed', '7', '--crash-at', 'SendEmail#1'], {}).faults).toEqual({
      rate: 0.2,
      seed: 7,
      crashAt: 'SendEmail#1',
    });
    expect(parseStartOptions(['--crash-at', '3'], {}).faults).toEqual({ rate: 0, crashAt: 3 });
    expect(parseStartOptions(['--crash-at', 'before-return'], {}).faults).toEqual({
      rate: 0,
      crashAt: 'before-return',
    });
  });

  it('refuses a fault share that is a percentage and a crash step it cannot place', () => {
    expect(refusal(['--faults', '5'])).toBe('--faults must be a share from 0 to 1 (0.05 is 5%), not "5"');
    expect(refusal(['--crash-at', 'send'])).toBe(
      '--crash-at takes a call number (3), an AWS call and its occurrence (SendEmail#1) or before-return, not "send"',
    );
    expect(refusal(['--fault-seed', '-1'])).toMatch(/^--fault-seed/);
  });
});
