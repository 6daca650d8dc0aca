import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplates } from '../../infra/cli/templates-check.ts';

const REPO_TEMPLATES = resolve(import.meta.dirname, '../../templates');

describe('support templates check, in every language and queue folder', () => {
  const scratch = mkdtemp(join(tmpdir(), 'mailcase-language-check-'));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  it('renders every language folder, the survey page in each too', async () => {
    // Act
    const result = await checkTemplates(REPO_TEMPLATES);

    // Assess
    expect(result.problems).toEqual([]);
    expect(result.covered).toEqual(
      expect.arrayContaining(['en/survey-page.html.hbs', 'de/survey-page.html.hbs', 'de/agent-reply.text.hbs']),
    );
  });

  it("names the language's file that lacks a variable, and a queue's own file", async () => {
    // Prepare: a German answer that names a variable nobody gives, and a billing queue's German subject with a typo.
    const dir = join(await scratch, 'templates');
    await cp(REPO_TEMPLATES, dir, { recursive: true });
    await appendFile(join(dir, 'de', 'agent-reply.text.hbs'), '{{agentNme}}\n');
    await mkdir(join(dir, 'queues', 'billing', 'de'), { recursive: true });
    await writeFile(join(dir, 'queues', 'billing', 'de', 'acknowledgement.subject.hbs'), 'Rechnung {{caseNumbr}}');

    // Act
    const result = await checkTemplates(dir);

    // Assess
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^de\/agent-reply\.text\.hbs: "agentNme" is not in the data \(line \d+, column \d+\); in \d+ samples, e\.g\. ".* \(de\)"$/,
      ),
      expect.stringMatching(
        /^queues\/billing\/de\/acknowledgement\.subject\.hbs: "caseNumbr" is not in the data \(line 1, column \d+\); in \d+ samples, e\.g\. ".* \(queue billing, de\)"$/,
      ),
    ]);
    expect(result.covered).toContain('queues/billing/de/acknowledgement.subject.hbs');
  });
});
