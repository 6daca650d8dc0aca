import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_PAGES } from '../../functions/survey/survey-problems.ts';
import { loadTemplate } from '../../functions/mail/compiled-templates.ts';
import { SURVEY_PAGE_FILE, SurveyPages, type PageResponse } from '../../functions/survey/survey-page.ts';
import { repoTemplatesDir } from '../support/repo-templates.ts';
import type { SurveyProblem } from '../../functions/core/survey-vote.ts';

const pages = new SurveyPages(
  await loadTemplate(join(await repoTemplatesDir(), 'en'), SURVEY_PAGE_FILE),
  'Example Support',
);
/** "A few KB": the page must open at once on a phone on a poor connection. */
const MAX_PAGE_BYTES = 4096;

const form = {
  caseNumber: 1001,
  subject: 'My order never arrived',
  suggested: 'okay' as const,
  token: '1001.A-101.tabc12.0123456789012345678901',
  nonce: 'tabc12.abcdefghijklmnopqrstuv.0123456789012345678901',
  action: '/survey',
  expiresAt: new Date('2026-12-29T10:00:00Z'),
};

describe('the survey page', () => {
  it('asks one question with three labelled answers, the one from the link chosen, and no script', () => {
    // Act
    const { statusCode, body } = pages.form(form);

    // Assess
    expect(statusCode).toBe(200);
    expect(body).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(body).toContain('<legend>How happy are you with the help you got?</legend>');
    expect(
      body.match(
        /<label class="answer"><input type="radio" name="a" value="[a-z-]+" required( checked)?>[A-Za-z ]+<\/label>/g,
      ),
    ).toEqual([
      '<label class="answer"><input type="radio" name="a" value="great" required>Great</label>',
      '<label class="answer"><input type="radio" name="a" value="okay" required checked>Okay</label>',
      '<label class="answer"><input type="radio" name="a" value="not-good" required>Not good</label>',
    ]);
    expect(body).toContain('<form method="post" action="/survey">');
    expect(body).toContain(`<input type="hidden" name="t" value="${form.token}">`);
    expect(body).toContain(`<input type="hidden" name="n" value="${form.nonce}">`);
    expect(body).toContain('maxlength="1000"');
    expect(body).toContain('This link works until 29 December 2026.');
    expect(body).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('is a few KB', () => {
    expect(Buffer.byteLength(pages.form(form).body)).toBeLessThan(MAX_PAGE_BYTES);
  });

  it("escapes the subject, which is the customer's own words", () => {
    // Act
    const { body } = pages.form({ ...form, subject: '</p><script>alert(1)</script><img src=x onerror=alert(2)>' });

    // Assess
    expect(body).toContain(
      '&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;',
    );
    expect(body).not.toContain('<script>');
  });

  it('says when the case was rated before, and until when that can change', () => {
    // Act
    const { body } = pages.form({
      ...form,
      previous: {
        eventId: 'e',
        caseNumber: 1001,
        agentId: 'A-101',
        answer: 'not-good',
        ratedAt: '2026-12-02T10:00:00.000Z',
      },
    });

    // Assess
    expect(body).toContain(
      'You rated this case “Not good” on 2 December 2026. You can change your answer until 29 December 2026.',
    );
  });

  it("carries security headers, with the page's one style block allowed by its hash", () => {
    // Act
    const { headers, body } = pages.form(form);

    // Assess
    const css = /<style>([\s\S]*?)<\/style>/.exec(body)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(headers).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${hash}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Robots-Tag': 'noindex, nofollow',
    });
  });

  it('thanks with the recorded answer and offers to change it', () => {
    // Act
    const { statusCode, body } = pages.thanks(
      { eventId: 'e', caseNumber: 1001, agentId: 'A-101', answer: 'great', ratedAt: '2026-12-03T10:00:00.000Z' },
      form.expiresAt,
      '/survey?t=x&a=great',
    );

    // Assess
    expect(statusCode).toBe(200);
    expect(body).toContain('<h1>Thank you!</h1>');
    expect(body).toContain('We have recorded your answer “Great” for case #1001.');
    expect(body).toContain('<a href="/survey?t&#x3D;x&amp;a&#x3D;great">Change my answer</a>');
  });

  it("keeps the customer's comment when they come back to change their vote, escaped", () => {
    // Act
    const { body } = pages.form({
      ...form,
      previous: {
        eventId: 'e',
        caseNumber: 1001,
        agentId: 'A-101',
        answer: 'not-good',
        comment: 'Had to write <three> times',
        ratedAt: '2026-12-02T10:00:00.000Z',
      },
    });

    // Assess
    expect(body).toContain('maxlength="1000">Had to write &lt;three&gt; times</textarea>');
    expect(pages.form(form).body).toContain('maxlength="1000"></textarea>');
  });

  it('after an unhappy vote says by when a person will answer, and offers a supervisor with its own form', () => {
    // Act
    const { statusCode, body } = pages.thanks(
      { eventId: 'e', caseNumber: 1001, agentId: 'A-101', answer: 'not-good', ratedAt: '2026-12-03T10:00:00.000Z' },
      form.expiresAt,
      '/survey?t=x&a=not-good',
      { by: 'Thursday 3 December at 11:00 UTC', request: { token: 'tok', nonce: 'non', action: '/survey' } },
    );

    // Assess
    expect(statusCode).toBe(200);
    expect(body).toContain('<h1>Thank you for telling us</h1>');
    expect(body).toContain('A person from our team will get back to you by Thursday 3 December at 11:00 UTC.');
    expect(body).toContain(
      '<form method="post" action="/survey">\n<input type="hidden" name="t" value="tok">\n<input type="hidden" name="n" value="non">\n<input type="hidden" name="do" value="supervisor">\n<button type="submit">I’d like a supervisor to contact me</button>',
    );
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_PAGE_BYTES);
  });

  it('says who will contact the customer after they asked for a supervisor', () => {
    // Act
    const { statusCode, body } = pages.supervisorRequested(1001, 'Sam Okafor', 'Thursday 3 December at 11:00 UTC');

    // Assess
    expect(statusCode).toBe(200);
    expect(body).toContain('<h1>A supervisor will contact you</h1>');
    expect(body).toContain(
      'Sam Okafor, our supervisor on duty, now has case #1001 and will contact you by Thursday 3 December at 11:00 UTC.',
    );
    expect(body).not.toContain('<form');
  });

  it('has a page for every problem with its status, plain words and what to do next', () => {
    for (const problem of Object.keys(PROBLEM_PAGES) as SurveyProblem[]) {
      // Act
      const { statusCode, headers, body }: PageResponse = pages.problem(problem, '/survey?t=x');

      // Assess
      const page = PROBLEM_PAGES[problem];
      expect(statusCode, problem).toBeGreaterThanOrEqual(400);
      expect(statusCode, problem).toBe(page.status);
      expect(body, problem).toContain(`<h1>${page.heading}</h1>`);
      expect(page.paragraphs.join(' '), problem).toMatch(/\b(open|reply|try again)\b/i);
      expect(headers['Content-Security-Policy'], problem).toContain("frame-ancestors 'none'");
      expect(body, problem).not.toMatch(/\bat .+\.(ts|js):\d+/);
    }
    expect(pages.problem('wrong-method').headers.Allow).toBe('GET, HEAD, POST');
    expect(pages.problem('expired-link').body).not.toContain('Open the survey again');
  });
});
