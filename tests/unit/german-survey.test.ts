import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { SURVEY_ANSWERS } from '../../functions/core/survey-token.ts';
import type { SurveyProblem } from '../../functions/core/survey-vote.ts';
import { COMPILED_SUFFIX, compileOptionsFor, loadTemplate } from '../../functions/mail/compiled-templates.ts';
import { SURVEY_PAGE_FILE, SurveyPages } from '../../functions/survey/survey-page.ts';
import { PROBLEM_PAGES } from '../../functions/survey/survey-problems.ts';
import { GERMAN_SURVEY_WORDS as de } from '../../functions/survey/survey-words-de.ts';
import { ENGLISH_SURVEY_WORDS } from '../../functions/survey/survey-words-en.ts';

const source = readFileSync(resolve(import.meta.dirname, '../../templates/de', SURVEY_PAGE_FILE), 'utf8');
const page = Handlebars.compile(source, compileOptionsFor(SURVEY_PAGE_FILE));

/** A page that is not the form, with the data SurveyPages gives the template. */
function germanPage(title: string, data: Record<string, unknown>): string {
  return page({ title, supportName: 'Beispiel-Support', form: false, request: false, ...data });
}

/** Every sentence of the English survey pages' code: none may show on a German page. */
const ENGLISH_SENTENCES = [
  ...Object.values(PROBLEM_PAGES).flatMap((p) => [p.heading, ...p.paragraphs.flatMap((s) => s.split(/(?<=\.) /))]),
  ...Object.values(ENGLISH_SURVEY_WORDS.answerLabels),
];

/** The survey page precompiled into a module, as the survey function loads it. */
async function germanSurveyPages(): Promise<SurveyPages> {
  const dir = await mkdtemp(join(tmpdir(), 'mailcase-german-survey-'));
  const spec = Handlebars.precompile(source, compileOptionsFor(SURVEY_PAGE_FILE)) as unknown as string;
  await writeFile(join(dir, `${SURVEY_PAGE_FILE}${COMPILED_SUFFIX}`), `export default ${spec};`);
  return new SurveyPages(await loadTemplate(dir, SURVEY_PAGE_FILE), 'Beispiel-Support');
}

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
    const pages = await germanSurveyPages();
    const request = { token: 't', nonce: 'n', action: '/survey' };

    // Act
    const fresh = pages.form({ ...form, suggested: 'great' }).body;
    const rated = pages.form({ ...form, previous: rating }).body;
    const unhappy = pages.thanks(rating, expiresAt, '/survey?t=t', {
      by: 'Dienstag, 24. November, 10:00 Uhr',
      request,
    }).body;
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

describe('the German words of the survey pages', () => {
  it('have a page for every problem, with the status its English page has', () => {
    // Act
    const statuses = Object.fromEntries(Object.entries(de.problems).map(([p, { status }]) => [p, status]));

    // Assess
    expect(statuses).toEqual(Object.fromEntries(Object.entries(PROBLEM_PAGES).map(([p, { status }]) => [p, status])));
    expect(SURVEY_ANSWERS.map((a) => de.answerLabels[a])).toEqual(['Sehr gut', 'In Ordnung', 'Nicht gut']);
  });

  it('show every problem page wholly in German, with the link back to the survey', () => {
    // Act
    const pages = (Object.keys(de.problems) as SurveyProblem[]).map((problem) => {
      const { heading, paragraphs } = de.problems[problem];
      return germanPage(heading, { heading, paragraphs, link: { href: '/survey?t=t', text: de.againLink } });
    });

    // Assess
    const english = pages.flatMap((html) => ENGLISH_SENTENCES.filter((s) => html.includes(s)));
    expect(english).toEqual([]);
    expect(pages.join()).toContain('höchstens 1.000 Zeichen');
    expect(pages[0]).toContain('<a href="/survey?t&#x3D;t">Umfrage noch einmal öffnen</a>');
  });

  it('thank an unhappy customer in German, with days as German readers write them', () => {
    // Prepare
    const until = de.day.format(new Date('2026-12-22T09:00:00Z'));

    // Act
    const html = germanPage(de.unhappyHeading, {
      heading: de.unhappyHeading,
      paragraphs: [
        de.recorded(de.answerLabels['not-good'], 1001),
        de.sorry(undefined),
        de.supervisorOffer,
        de.change(until),
      ],
      request: { token: 't', nonce: 'n', action: '/survey' },
      link: { href: '/survey?t=t', text: de.changeLink },
    });

    // Assess
    expect(until).toBe('22. Dezember 2026');
    expect(html).toContain('<p>Wir haben Ihre Antwort „Nicht gut“ zu Vorgang #1001 gespeichert.</p>');
    expect(html).toContain('Sie können sie bis zum 22. Dezember 2026 ändern');
    expect(html).toContain('Ich möchte, dass sich die Teamleitung bei mir meldet');
    expect(de.supervisorRequested('Sam Okafor', 1001, undefined)).toBe(
      'Sam Okafor, unsere diensthabende Teamleitung, hat Ihren Vorgang #1001 übernommen und meldet sich so bald wie möglich bei Ihnen.',
    );
  });

  it('keep a German last-resort page as plain as the English one', () => {
    expect(de.plainErrorPage).toMatch(/^<!DOCTYPE html><html lang="de">/);
    expect(de.plainErrorPage.replace(/<[^>]+>/g, '')).not.toMatch(/something|please|reply/i);
    expect(de.plainErrorPage.length).toBeLessThan(ENGLISH_SURVEY_WORDS.plainErrorPage.length * 1.5);
  });
});
