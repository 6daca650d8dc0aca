import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TemplateData } from '../../functions/core/outbound-draft.ts';
import type { SurveyProblem } from '../../functions/core/survey-vote.ts';
import { loadTemplate, MACROS_DIR } from '../../functions/mail/compiled-templates.ts';
import { TemplateRenderer } from '../../functions/mail/render-template.ts';
import { SURVEY_PAGE_FILE, SurveyPages } from '../../functions/survey/survey-page.ts';
import { PROBLEM_PAGES } from '../../functions/survey/survey-problems.ts';
import { templateSamples } from '../../infra/cli/template-samples.ts';
import { compileTemplates, templateFiles } from '../../infra/templates/compile-templates.ts';

const TEMPLATES = resolve(import.meta.dirname, '../../templates');
const GERMAN = join(TEMPLATES, 'de');
/** English moves to templates/en/ (issue 19.2); until then it is templates/ itself. */
const ENGLISH = existsSync(join(TEMPLATES, 'en')) ? join(TEMPLATES, 'en') : TEMPLATES;

/**
 * English that gives away a sentence nobody translated. "case #" is matched in lower case only:
 * the subject tag "[Case #1001]" is a data value the reply parser matches, not template text.
 */
const ENGLISH_LEFTOVERS = [/Thank you/i, /\bHi /, /Warm regards/i, /case #/, /\bplease\b/i, /\breply to this email\b/i];

/**
 * The acknowledgement's two time phrases (helper "localtimes", issue 19.3), as its planner gives them
 * for a German case. The sample's own values win once the planner drafts them.
 */
const LOCAL_TIMES = {
  answerDue: 'bis heute 15:00 Uhr (Ihre Ortszeit)',
  businessHoursWords: 'Montag bis Freitag, 09:00–17:00 Uhr (Berliner Zeit)',
};

const compiledGerman = await mkdtemp(join(tmpdir(), 'mailcase-german-'));
await compileTemplates(GERMAN, compiledGerman);
const renderer = await TemplateRenderer.load(compiledGerman);

function dataFor(template: string, data: TemplateData): TemplateData {
  return template === 'acknowledgement' ? { ...LOCAL_TIMES, ...data } : data;
}

describe('the German templates', () => {
  it('translate every template and partial the English has', () => {
    // Prepare
    const english = templateFiles(ENGLISH).filter((f) => !f.startsWith(`${MACROS_DIR}/`));

    // Act
    const missing = english.filter((f) => !existsSync(join(GERMAN, f)));

    // Assess
    expect(english.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('keep no English sentence behind', () => {
    // Act
    const leftovers = templateFiles(GERMAN).flatMap((file) => {
      const text = readFileSync(join(GERMAN, file), 'utf8');
      return ENGLISH_LEFTOVERS.filter((phrase) => phrase.test(text)).map((phrase) => `${file}: ${phrase}`);
    });

    // Assess
    expect(leftovers).toEqual([]);
  });

  it('render every sample message the English renders, in strict mode', async () => {
    // Prepare
    const samples = templateSamples();

    // Act
    const failures: string[] = [];
    for (const { label, draft } of samples)
      await renderer.render(draft.template, dataFor(draft.template, draft.data)).catch((error: unknown) => {
        failures.push(`${label}: ${String(error)}`);
      });

    // Assess
    expect(samples.length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('acknowledge a German customer with the due time in their own time and the business hours', async () => {
    // Prepare
    const sample = templateSamples().find((s) => s.draft.template === 'acknowledgement');
    if (sample === undefined) throw new Error('no acknowledgement sample');

    // Act
    const due = await renderer.render('acknowledgement', { ...sample.draft.data, ...LOCAL_TIMES });
    const unknownZone = await renderer.render('acknowledgement', { ...sample.draft.data, ...LOCAL_TIMES, answerDue: '' });

    // Assess
    expect(due.subject).toBe('[Case #1001] My order never arrived');
    expect(due.text).toContain('vielen Dank für Ihre Nachricht.');
    expect(due.text).toContain('antwortet Ihnen spätestens bis heute 15:00 Uhr (Ihre Ortszeit), oft auch früher.');
    expect(due.text).toContain('Unsere Servicezeiten: Montag bis Freitag, 09:00–17:00 Uhr (Berliner Zeit).');
    expect(due.text).toContain('„My order never arrived“');
    expect(due.html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(due.html).toContain('spätestens <strong>bis heute 15:00 Uhr (Ihre Ortszeit)</strong>');
    expect(unknownZone.text).toContain(`antwortet Ihnen innerhalb von ${String(sample.draft.data.firstResponse)}`);
  });

  it('escape the customer’s words in HTML parts, as the English does', async () => {
    // Prepare
    const sample = templateSamples().find((s) => s.draft.template === 'acknowledgement');
    if (sample === undefined) throw new Error('no acknowledgement sample');

    // Act
    const { html, text } = await renderer.render('acknowledgement', {
      ...LOCAL_TIMES,
      ...sample.draft.data,
      subject: 'Wo ist <b>Paket</b> & Rechnung?',
    });

    // Assess
    expect(html).toContain('&bdquo;Wo ist &lt;b&gt;Paket&lt;/b&gt; &amp; Rechnung?&ldquo;');
    expect(text).toContain('„Wo ist <b>Paket</b> & Rechnung?“');
  });
});

describe('the German survey page', () => {
  const expiresAt = new Date('2026-12-22T09:00:00Z');
  const rating = {
    eventId: 'e',
    caseNumber: 1001,
    agentId: 'A-101',
    answer: 'not-good',
    comment: 'Zu langsam',
    ratedAt: '2026-11-25T10:00:00Z',
  } as const;
  const form = { caseNumber: 1001, subject: 'Paket fehlt', token: 't', nonce: 'n', action: '/survey', expiresAt };

  it('renders the form, the thanks, the supervisor request and every problem page in German', async () => {
    // Prepare
    const pages = new SurveyPages(await loadTemplate(compiledGerman, SURVEY_PAGE_FILE), 'Beispiel-Support');
    const request = { token: 't', nonce: 'n', action: '/survey' };

    // Act
    const fresh = pages.form({ ...form, suggested: 'great' }).body;
    const rated = pages.form({ ...form, previous: rating }).body;
    const unhappy = pages.thanks(rating, expiresAt, '/survey?t=t', { by: 'Dienstag, 24. November, 10:00 Uhr', request }).body;
    const supervisor = pages.supervisorRequested(1001, 'Sam Okafor', undefined).body;
    const problems = Object.keys(PROBLEM_PAGES).map((p) => pages.problem(p as SurveyProblem, '/survey?t=t').body);

    // Assess
    expect(fresh).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(fresh).toContain('<h1>Wie war unsere Hilfe?</h1>');
    expect(fresh).toContain('<p>Vorgang #1001: Paket fehlt</p>');
    expect(fresh).toContain('<button type="submit">Antwort absenden</button>');
    expect(fresh).not.toContain('class="note"');
    expect(rated).toContain('<p class="note">Sie haben diesen Vorgang am ');
    expect(unhappy).toContain('<button type="submit">Ich möchte, dass sich die Teamleitung bei mir meldet</button>');
    expect(supervisor).toContain('<html lang="de">');
    expect(problems).toHaveLength(Object.keys(PROBLEM_PAGES).length);
    for (const page of [fresh, rated, unhappy, supervisor, ...problems]) expect(page).toContain('Beispiel-Support');
  });
});
