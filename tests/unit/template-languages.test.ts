import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inReadersLanguage, writingOf } from '../../functions/core/draft-language.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import { TemplateRenderer } from '../../functions/mail/render-template.ts';
import { templateFolders } from '../../functions/mail/template-folders.ts';
import { compileTemplates } from '../../infra/templates/compile-templates.ts';
import { loadSurveyPages } from '../../functions/survey/survey-page-book.ts';
import { repoTemplatesDir } from '../support/repo-templates.ts';
import { sampleCase } from '../support/sample-case.ts';

/** A templates folder from `files` (path → source), compiled as a deploy compiles it. */
async function compiled(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mailcase-languages-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, 'src', file)), { recursive: true });
    await writeFile(join(root, 'src', file), text);
  }
  await compileTemplates(join(root, 'src'), join(root, 'out'));
  return join(root, 'out');
}

/** A note in English, its German subject and a billing queue's own English text: every level of the lookup once. */
const NOTE = {
  'en/acknowledgement.subject.hbs': 'Case {{n}}',
  'en/acknowledgement.text.hbs': 'Hello {{name}} {{> sign-text}}',
  'en/acknowledgement.html.hbs': '<p>Hello {{name}}</p>',
  'en/partials/sign-text.hbs': '(team)',
  'de/acknowledgement.subject.hbs': 'Vorgang {{n}}',
  'de/partials/sign-text.hbs': '(Team)',
  'queues/billing/en/acknowledgement.text.hbs': 'Billing: hello {{name}} {{> sign-text}}',
};

describe('templates in the case language, per file', () => {
  it('looks in the queue folder, then the shared one, each in the language and then in English', () => {
    expect(templateFolders()).toEqual(['en']);
    expect(templateFolders({ language: 'de' })).toEqual(['de', 'en']);
    expect(templateFolders({ language: 'de', templates: 'billing' })).toEqual([
      'queues/billing/de',
      'queues/billing/en',
      'de',
      'en',
    ]);
    // A name from data that could leave the templates folder counts as absent.
    expect(templateFolders({ language: '../x', templates: 'a/b' })).toEqual(['en']);
  });

  it('renders a German mail from the files German has and English for the rest, never a broken one', async () => {
    // Prepare
    const renderer = await TemplateRenderer.load(await compiled(NOTE));

    // Act
    const german = await renderer.render('acknowledgement', { n: 7, name: 'Ana' }, { language: 'de' });
    const french = await renderer.render('acknowledgement', { n: 7, name: 'Ana' }, { language: 'fr' });

    // Assess
    // The message's language is its text's: English here, which German lacks.
    expect(german).toEqual({
      subject: 'Vorgang 7',
      text: 'Hello Ana (Team)',
      html: '<p>Hello Ana</p>',
      language: 'en',
    });
    expect(french).toEqual({ subject: 'Case 7', text: 'Hello Ana (team)', html: '<p>Hello Ana</p>', language: 'en' });
  });

  it("takes a queue's own file before the shared one, in any language", async () => {
    // Prepare
    const renderer = await TemplateRenderer.load(await compiled(NOTE));

    // Act
    const mail = await renderer.render(
      'acknowledgement',
      { n: 7, name: 'Ana' },
      { language: 'de', templates: 'billing' },
    );

    // Assess
    expect(mail).toEqual({
      subject: 'Vorgang 7',
      text: 'Billing: hello Ana (Team)',
      html: '<p>Hello Ana</p>',
      language: 'en',
    });
  });

  it('names the file it found when a variable is missing', async () => {
    // Prepare
    const renderer = await TemplateRenderer.load(await compiled(NOTE));

    // Act
    const failure = renderer.render('acknowledgement', { name: 'Ana' }, { language: 'de' });

    // Assess
    await expect(failure).rejects.toThrow(/^de\/acknowledgement\.subject\.hbs: "n" not defined/);
  });
});

describe("each draft in its reader's language", () => {
  const draft = (template: OutboundDraft['template']): OutboundDraft => ({
    kind: 'agent-notice',
    caseNumber: 1001,
    fromName: 'Example Support',
    to: [],
    cc: [],
    template,
    data: { caseNumber: 1001 },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  });

  it("writes to the customer in the case's language with the queue's signature, and to the team in the queue's", () => {
    // Prepare
    const queue = { language: 'en', signature: 'Example Support\nhelp.example.test', templates: 'billing' };

    // Act
    const drafts = inReadersLanguage(
      { ack: draft('acknowledgement'), notification: draft('agent-notification') },
      sampleCase({ language: 'de' }),
      queue,
    );

    // Assess
    expect(drafts.ack).toMatchObject({
      language: 'de',
      templates: 'billing',
      data: { caseNumber: 1001, signature: 'Example Support\nhelp.example.test' },
    });
    expect(drafts.notification).toMatchObject({ language: 'en', templates: 'billing', data: { caseNumber: 1001 } });
    expect(drafts.notification?.data).not.toHaveProperty('signature');
  });

  it("takes a queue's language, signature and folder as the settings of its cases carry them", () => {
    // Act
    const writing = writingOf({ language: 'de', signature: 'Beispiel GmbH', templates: 'billing' });
    const drafts = inReadersLanguage({ ack: draft('acknowledgement') }, sampleCase(), writing);

    // Assess
    expect(writingOf({ language: 'en' })).toEqual({ language: 'en' });
    expect(drafts.ack).toMatchObject({ language: 'de', templates: 'billing', data: { signature: 'Beispiel GmbH' } });
  });

  it("uses the queue's language for a case from before languages, and English with no queue language", () => {
    // Act
    const german = inReadersLanguage({ ack: draft('follow-up') }, sampleCase(), { language: 'de' });
    const plain = inReadersLanguage({ ack: draft('follow-up') }, sampleCase(), {});

    // Assess
    expect(german.ack).toMatchObject({ language: 'de', data: { signature: '' } });
    expect(plain.ack?.language).toBe('en');
  });
});

describe('the survey pages of every language folder', () => {
  it("serves the case's language where there is a page in it, and English where there is none", async () => {
    // Prepare
    const pages = await loadSurveyPages(await repoTemplatesDir(), 'Example Support');
    const form = { caseNumber: 1001, subject: 'Paket', token: 't', nonce: 'n', action: '/survey' };
    const expiresAt = new Date('2026-12-22T09:00:00Z');

    // Act
    const german = pages({ language: 'de', supportName: 'Beispiel Kundendienst', timeZone: 'Europe/Berlin' }).form({
      ...form,
      expiresAt,
    }).body;
    const french = pages({ language: 'fr', supportName: 'Example Support', timeZone: 'UTC' }).form({
      ...form,
      expiresAt,
    }).body;

    // Assess
    expect(german).toContain('<html lang="de">');
    // Each case's page carries its queue's name.
    expect(german).toContain('<title>Wie war unsere Hilfe? · Beispiel Kundendienst</title>');
    expect(german).toContain('22. Dezember 2026');
    expect(french).toContain('<html lang="en">');
    expect(french).toContain('<title>How did we do? · Example Support</title>');
    expect(french).toContain('22 December 2026');
  });
});

describe("the queue's signature under a customer's mail", () => {
  it('is appended as written in the text part and escaped, line by line, in the HTML part, in English and German', async () => {
    // Prepare
    const renderer = await TemplateRenderer.load(await repoTemplatesDir());
    const signature = 'Beispiel <GmbH>\nhelp.example.test';
    const data = {
      greetingName: 'Ana',
      caseNumber: 1001,
      caseTag: '[Case #1001]',
      subject: 'Paket',
      firstResponse: '4 business hours',
      supportName: 'Example Support',
      previousCase: 0,
      signature,
    };

    // Act
    const english = await renderer.render('acknowledgement', data);
    const german = await renderer.render('acknowledgement', data, { language: 'de' });
    const unsigned = await renderer.render('acknowledgement', { ...data, signature: '' });

    // Assess
    for (const mail of [english, german]) {
      expect(mail.text).toContain('\n\nBeispiel <GmbH>\nhelp.example.test\n');
      expect(mail.html).toContain('white-space:pre-line');
      expect(mail.html).toContain('Beispiel &lt;GmbH&gt;\nhelp.example.test</p>');
    }
    expect(unsigned.text).not.toContain('Beispiel');
  });
});

describe('a customer whose name we do not know', () => {
  it('is greeted in the words of their language, not with a placeholder name', async () => {
    // Prepare
    const renderer = await TemplateRenderer.load(await repoTemplatesDir());
    const data = {
      greetingName: '',
      caseNumber: 1001,
      caseTag: '[Case #1001]',
      subject: 'Paket',
      firstResponse: '4 business hours',
      supportName: 'Example Support',
      previousCase: 0,
      signature: '',
    };

    // Act
    const english = await renderer.render('acknowledgement', data);
    const german = await renderer.render('acknowledgement', data, { language: 'de' });

    // Assess
    expect(english.text.startsWith('Hi there,\n')).toBe(true);
    expect(german.text.startsWith('Guten Tag,\n')).toBe(true);
    expect(german.html).toContain('<p>Guten Tag,</p>');
  });
});
