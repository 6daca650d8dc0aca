import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { SURVEY_ANSWERS } from '../../functions/core/survey-token.ts';
import type { SurveyProblem } from '../../functions/core/survey-vote.ts';
import { compileOptionsFor } from '../../functions/mail/compiled-templates.ts';
import { ANSWER_LABELS, PLAIN_ERROR_PAGE, SURVEY_PAGE_FILE } from '../../functions/survey/survey-page.ts';
import { PROBLEM_PAGES } from '../../functions/survey/survey-problems.ts';
import { GERMAN_SURVEY_WORDS as de } from '../../functions/survey/survey-words-de.ts';

const page = Handlebars.compile(
  readFileSync(resolve(import.meta.dirname, '../../templates/de', SURVEY_PAGE_FILE), 'utf8'),
  compileOptionsFor(SURVEY_PAGE_FILE),
);

/** A page that is not the form, with the data SurveyPages gives the template. */
function germanPage(title: string, data: Record<string, unknown>): string {
  return page({ title, supportName: 'Beispiel-Support', form: false, request: false, ...data });
}

/** Every sentence of the English survey pages' code: none may show on a German page. */
const ENGLISH_SENTENCES = [
  ...Object.values(PROBLEM_PAGES).flatMap((p) => [p.heading, ...p.paragraphs.flatMap((s) => s.split(/(?<=\.) /))]),
  ...Object.values(ANSWER_LABELS),
];

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
    expect(de.plainErrorPage.length).toBeLessThan(PLAIN_ERROR_PAGE.length * 1.5);
  });
});
