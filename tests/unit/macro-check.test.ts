import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplates } from '../../infra/cli/templates-check.ts';

const REPO_TEMPLATES = resolve(import.meta.dirname, '../../templates');

describe('support templates check, for saved answers', () => {
  const scratch = mkdtemp(join(tmpdir(), 'mailcase-macro-check-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('renders every shipped saved answer with the variables a reply gives it', async () => {
    // Act
    const result = await checkTemplates(REPO_TEMPLATES);
    // Assess
    expect(result.problems).toEqual([]);
    expect(result.covered).toEqual(
      expect.arrayContaining([
        'macros/need-more-details.hbs',
        'macros/password-reset.hbs',
        'macros/refund-received.hbs',
      ]),
    );
  });

  it('names a saved answer that uses a variable no reply gives', async () => {
    // Prepare: a copy of the templates with one saved answer that greets by a name we do not have.
    const dir = join(await scratch, 'templates');
    await cp(REPO_TEMPLATES, dir, { recursive: true });
    await writeFile(join(dir, 'macros', 'welcome.hbs'), 'Hi {{customerName}}, welcome aboard!\n');
    // Act
    const result = await checkTemplates(dir);
    // Assess
    expect(result.problems).toEqual([
      'macros/welcome.hbs: "customerName" is not in the data (line 1, column 6); in the sample "the saved answer welcome"',
    ]);
  });
});
