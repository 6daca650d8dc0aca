import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** What `npm start` runs, less npm: the same node (22, from the devDependency), flags and script. */
const START = ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'infra/local/start.ts'];
/** A stack that has not printed its banner by then is not coming up (DynamoDB Local's JVM on a busy machine). */
const START_TIMEOUT_MS = 90_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a plain shell: no npm_config_* from the npx that runs the tests. */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
  return { ...env, ...extra };
}

function startScript(args: readonly string[], env: NodeJS.ProcessEnv = plainEnv()): ChildProcess {
  return spawn(process.execPath, [...START, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `npm start -- <args>` to its end. */
function run(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  const child = startScript(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
}

/** What every plain error must be: one line on stderr, no stack trace. */
function expectOneLine(result: Run, code: number, message: string | RegExp): void {
  expect(result.stderr.trimEnd().split('\n')).toEqual([
    typeof message === 'string' ? `npm start: ${message}` : expect.stringMatching(message),
  ]);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.code).toBe(code);
}

describe('npm start says what went wrong in one line, with exit status 2 for usage and 1 for failures', () => {
  let busy: Server;
  let busyPort: number;
  let dataDir: string;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((ready) => busy.listen(0, '127.0.0.1', ready));
    const address = busy.address();
    busyPort = typeof address === 'object' && address !== null ? address.port : 0;
    dataDir = await mkdtemp(join(tmpdir(), 'start-errors-'));
  });
  afterAll(async () => {
    await new Promise((closed) => busy.close(closed));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('an option npm kept for itself (npm start --smtp-port 3027, without --) names the command that was meant', async () => {
    // npm turns `--smtp-port` into npm_config_smtp_port=true and passes only 3027 on.
    const result = await run(['3027'], plainEnv({ npm_config_smtp_port: 'true' }));
    expectOneLine(
      result,
      2,
      'npm took --smtp-port for itself: run npm start -- --smtp-port 3027 (options go after --)',
    );
  });

  it('a stray number, an unknown option and a bad port are usage errors', async () => {
    const [stray, unknown, badPort] = await Promise.all([
      run(['3027']),
      run(['--smpt-port', '3027']),
      run(['--smtp-port', 'twenty']),
    ]);
    expectOneLine(
      stray,
      2,
      'unexpected argument "3027"; did you mean npm start -- --smtp-port 3027? (options go after --)',
    );
    expectOneLine(unknown, 2, 'unknown option --smpt-port (npm start -- --help lists them)');
    expectOneLine(badPort, 2, '--smtp-port must be a port number (0-65535), not "twenty"');
  });

  it('a port in use names the option that moves it', async () => {
    const [smtp, survey] = await Promise.all([
      run(['--in-memory', '--smtp-port', String(busyPort)]),
      run(['--in-memory', '--smtp-port', '0', '--survey-port', String(busyPort)]),
    ]);
    expectOneLine(
      smtp,
      1,
      `port ${busyPort} is in use: stop what listens there or pick another with --smtp-port (npm start -- --smtp-port <n>)`,
    );
    expectOneLine(
      survey,
      1,
      `port ${busyPort} is in use: stop what listens there or pick another with --survey-port (npm start -- --survey-port <n>)`,
    );
  });

  it('no Java on the PATH says how to install it', async () => {
    // Only node's own folder on the PATH: no java there.
    const result = await run(
      ['--in-memory', '--smtp-port', '0', '--survey-port', '0'],
      plainEnv({ PATH: dirname(process.execPath) }),
    );
    expectOneLine(
      result,
      1,
      'DynamoDB Local needs Java 17+: apt-get install openjdk-17-jre-headless (or any Java 17+ on the PATH)',
    );
  });

  it('a second stack on the same data folder is refused while the first runs; the first stops cleanly and frees it', {
    timeout: START_TIMEOUT_MS * 2,
  }, async () => {
    // Prepare: a first stack on the folder, up to its banner.
    const first = startScript(['--data-dir', dataDir, '--smtp-port', '0', '--survey-port', '0']);
    let banner = '';
    first.stdout?.on('data', (chunk: Buffer) => (banner += chunk.toString()));
    const exited = new Promise<number | null>((done) => first.once('close', done));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!banner.includes('Press Ctrl-C to stop.') && Date.now() < deadline && first.exitCode === null)
      await new Promise((r) => setTimeout(r, 200));
    expect(banner).toContain('Press Ctrl-C to stop.');

    // Act
    const second = await run(['--data-dir', dataDir, '--smtp-port', '0', '--survey-port', '0']);
    first.kill('SIGTERM');

    // Assess
    expectOneLine(second, 1, `a stack is already running on ${dataDir} (pid ${first.pid}); stop it or use --data-dir`);
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'stack.pid'))).toBe(false);
  });
});
