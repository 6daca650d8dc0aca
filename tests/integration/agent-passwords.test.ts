import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupport } from '../../infra/cli/main.ts';
import { defaultDataDir } from '../../infra/cli/open-target.ts';
import { localSecrets } from '../../infra/local/local-secrets.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

describe('each agent has their own password for the local SMTP port', () => {
  let fixture: StackFixture;
  let dataDir: string;

  beforeAll(async () => {
    fixture = await startStackFixture();
    dataDir = dirname(fixture.stack.stackFile);
  });
  afterAll(() => fixture.stop());

  /** Logs in to the local SMTP port and says whether the server took the login. */
  const logsIn = async (user: string, pass: string): Promise<boolean> => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: fixture.stack.smtpPort,
      secure: false,
      ignoreTLS: true,
      auth: { user, pass },
    });
    try {
      return await transport.verify();
    } catch (error) {
      if (error instanceof Error && 'responseCode' in error && error.responseCode === 535) return false;
      throw error;
    } finally {
      transport.close();
    }
  };
  const support = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSupport([...args, '--data-dir', dataDir], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it("an agent's password logs in as that agent and as nobody else", async () => {
    const maria = fixture.stack.agentPassword('maria@staff.example.com');
    const tom = fixture.stack.agentPassword('tom@staff.example.com');

    expect(maria).not.toBe(tom);
    expect(await logsIn('maria@staff.example.com', maria)).toBe(true);
    expect(await logsIn('MARIA@staff.example.com', maria)).toBe(true);
    expect(await logsIn('tom@staff.example.com', tom)).toBe(true);
    expect(await logsIn('tom@staff.example.com', maria)).toBe(false);
    expect(await logsIn('sam@staff.example.com', maria)).toBe(false);
    // A customer's derived password exists, but a customer is no agent.
    expect(await logsIn('ana@customer.test', fixture.stack.agentPassword('ana@customer.test'))).toBe(false);
  });

  it('logged in as herself, Maria cannot write as Tom: mail From Tom is judged like any unauthenticated mail', async () => {
    // Prepare
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: fixture.stack.smtpPort,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'maria@staff.example.com', pass: fixture.stack.agentPassword('maria@staff.example.com') },
    });

    // Act
    await transport.sendMail({
      from: 'Tom Becker <tom@staff.example.com>',
      to: 'support@example.test',
      subject: 'Refund everyone',
      text: 'Signed, Tom',
    });
    transport.close();
    await fixture.stack.idle();

    // Assess: held as a spoofed agent's mail, not run as Tom's
    const [opened] = await fixture.items('case');
    expect(opened).toMatchObject({ caseNumber: 1001, flags: ['spoofed-agent'] });
  });

  it('support agents add shows a new agent their password, support agents password shows it again, and it logs in at once', async () => {
    // Act
    const added = await support(
      'agents',
      'add',
      '--name',
      'Lena Fischer',
      '--email',
      'lena@staff.example.com',
      '--id',
      'A-103',
    );
    const shown = await support('agents', 'password', 'lena');

    // Assess
    const line = `A-103 Lena Fischer answers through SMTP 127.0.0.1:${fixture.stack.smtpPort} logged in as lena@staff.example.com, password ${fixture.stack.agentPassword('lena@staff.example.com')}`;
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out.split('\n').at(-1)).toBe(line);
    expect(shown).toEqual({ code: 0, out: line, err: '' });
    expect(await logsIn('lena@staff.example.com', fixture.stack.agentPassword('lena@staff.example.com'))).toBe(true);
    expect(await support('agents', 'password', 'nobody')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^support: No agent has the ID, address or first name "nobody"/),
    });
  });
});

describe('npx support finds the local stack from any folder of the repository', () => {
  const root = resolve(import.meta.dirname, '../..');
  let outside: string;
  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'outside-repo-'));
  });
  afterAll(() => rm(outside, { recursive: true, force: true }));

  it('looks for .local in the repository root, however deep the working folder is; outside the repository, in the working folder', () => {
    expect(defaultDataDir(root)).toBe(join(root, '.local'));
    expect(defaultDataDir(join(root, 'functions', 'core'))).toBe(join(root, '.local'));
    expect(defaultDataDir(outside)).toBe(join(outside, '.local'));
  });
});

describe('a data folder from before per-agent passwords', () => {
  it('keeps its reply-token key (reply addresses already sent still work) and gains a login key, kept from then on', async () => {
    // Prepare: secrets.json as earlier versions wrote it, with one shared password.
    const folder = await mkdtemp(join(tmpdir(), 'old-secrets-'));
    const replyTokenSecret = 'r'.repeat(43);
    await writeFile(
      join(folder, 'secrets.json'),
      JSON.stringify({ replyTokenSecret, agentPassword: 'shared-by-everyone' }),
    );

    // Act
    const first = await localSecrets(folder);
    const second = await localSecrets(folder);

    // Assess
    expect(first.replyTokenSecret).toBe(replyTokenSecret);
    expect(first.agentLoginKey).toMatch(/^[\w-]{43}$/);
    expect(second).toEqual(first);
    expect(JSON.parse(await readFile(join(folder, 'secrets.json'), 'utf8'))).toEqual(first);
    await rm(folder, { recursive: true, force: true });
  });
});
