import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSupport } from '../../infra/cli/main.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const PHOTO = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));

describe('support files get and cases show against the local stack', () => {
  let fixture: StackFixture;
  let scratch: string;
  beforeAll(async () => {
    fixture = await startStackFixture();
    scratch = await mkdtemp(join(tmpdir(), 'files-cli-'));
    await fixture.send({
      from: 'Bob Marsh <bob@customer.test>',
      to: 'support@example.test',
      subject: 'The kettle arrived broken',
      text: 'Photo attached.',
      attachments: [{ filename: 'kettle front.jpg', content: PHOTO, contentType: 'image/jpeg' }],
    });
  });
  afterAll(async () => {
    await fixture.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  async function support(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSupport([...args, '--data-dir', dirname(fixture.stack.stackFile)], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('cases show lists each file with its name, type and size', async () => {
    // Act
    const shown = await support('cases', 'show', '1001');

    // Assess
    expect(shown.out).toContain('    Attachments: kettle front.jpg (image/jpeg, 5 KB)');
  });

  it('files get saves the bytes the mail carried, and never overwrites a file', async () => {
    // Prepare
    const out = join(scratch, 'kettle.jpg');

    // Act
    const saved = await support('files', 'get', '1001', 'kettle front.jpg', '--out', out);
    const again = await support('files', 'get', '1001', 'kettle front.jpg', '--out', out);

    // Assess
    expect(saved).toEqual({
      code: 0,
      out: `Saved kettle front.jpg (image/jpeg, 5 KB) of case #1001 to ${out}.`,
      err: '',
    });
    expect((await readFile(out)).equals(PHOTO)).toBe(true);
    expect(again).toEqual({
      code: 1,
      out: '',
      err: `support: ${out} exists already; choose another place with --out FILE.`,
    });
  });

  it('files get names the files a case has when the name matches none', async () => {
    // Act
    const missing = await support('files', 'get', '1001', 'kettle.png');

    // Assess
    expect(missing).toEqual({
      code: 1,
      out: '',
      err: 'support: Case #1001 has no file named "kettle.png"; its files: "kettle front.jpg".',
    });
  });
});
