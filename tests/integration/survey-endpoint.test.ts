import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../functions/adapters/case-store.ts';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { createTableClients } from '../../functions/adapters/table-clients.ts';
import { createSurveyToken, surveyLinks, type SurveyAnswer } from '../../functions/core/survey-token.ts';
import { createSurveyHandler, surveyDependencies } from '../../functions/survey/handler.ts';
import { localContext } from '../../infra/local/local-stack.ts';
import { startSurveyServer } from '../../infra/local/survey-server.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const DAY = 86_400_000;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('the survey endpoint over HTTP (local stack)', () => {
  let fixture: StackFixture;
  let secret: string;
  let caseNumber: number;
  beforeAll(async () => {
    fixture = await startStackFixture();
    secret = process.env.REPLY_TOKEN_SECRET ?? '';
    await fixture.send({
      from: `c${randomBytes(3).toString('hex')}@customer.test`,
      to: 'support@example.test',
      subject: 'Broken <b>kettle</b> & a refund',
      text: 'It stopped working.',
    });
    caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;
  });
  afterAll(() => fixture.stop());

  const link = (answer: SurveyAnswer, options: { number?: number; issued?: Date } = {}) =>
    surveyLinks(
      fixture.stack.surveyUrl,
      createSurveyToken(secret, {
        caseNumber: options.number ?? caseNumber,
        agentId: 'A-101',
        now: options.issued ?? new Date(),
      }),
    )[answer];
  const ratings = () => fixture.items('rating');
  /** Opens a link and returns the form's fields as the page would post them. */
  async function open(url: string, answer = 'great', comment = '') {
    const page = await (await fetch(url)).text();
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? '';
    return new URLSearchParams({ t: hidden('t'), n: hidden('n'), a: answer, comment });
  }
  const post = (body: URLSearchParams | string, headers: Record<string, string> = FORM) =>
    fetch(fixture.stack.surveyUrl, { method: 'POST', headers, body: body.toString() });

  it('serves the survey page on the address the closing messages link to, escaping the subject', async () => {
    // Act
    const response = await fetch(link('okay'));
    const html = await response.text();

    // Assess
    expect(fixture.stack.surveyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/survey$/);
    expect(response.status).toBe(200);
    expect(html).toContain(`Case #${caseNumber}: Broken &lt;b&gt;kettle&lt;/b&gt; &amp; a refund`);
    expect(html).toContain('value="okay" required checked>');
    expect(response.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'/,
    );
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('records nothing when links are only opened, however often (link scanners)', async () => {
    // Act
    for (const answer of ['great', 'okay', 'not-good'] as const) {
      await fetch(link(answer));
      await fetch(link(answer), { method: 'HEAD' });
    }

    // Assess
    expect(await ratings()).toEqual([]);
    expect(await fixture.items('ratingEvent')).toEqual([]);
    expect(await fixture.items('surveyForm')).toEqual([]);
  });

  it('records a confirmed form (posted base64-encoded, as a Function URL passes it) once, and refuses its replay', async () => {
    // Prepare
    const form = await open(link('great'), 'not-good', 'The kettle came back broken.');

    // Act
    const first = await post(form);
    const replay = await post(form);

    // Assess
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('We have recorded your answer “Not good”');
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('<h1>Already recorded</h1>');
    expect(await ratings()).toEqual([
      expect.objectContaining({
        caseNumber,
        agentId: 'A-101',
        answer: 'not-good',
        comment: 'The kettle came back broken.',
      }),
    ]);
    expect(await fixture.items('ratingEvent')).toHaveLength(1);
  });

  it('says on a second visit that the case was rated, and that it can change', async () => {
    // Act
    const html = await (await fetch(link('great'))).text();

    // Assess
    expect(html).toMatch(/You rated this case “Not good” on \d+ \w+ \d{4}\. You can change your answer until/);
  });

  const problems: Array<[string, () => Promise<Response>, number, string]> = [
    ['a link without its token', () => fetch(fixture.stack.surveyUrl), 400, 'This link is incomplete'],
    [
      'a forged link',
      async () => fetch(link('great').replace(/(t=\d+\.A-10)1/, '$12')),
      403,
      'This link does not work',
    ],
    [
      'an expired link',
      async () => fetch(link('great', { issued: new Date(Date.now() - 29 * DAY) })),
      410,
      'This survey has closed',
    ],
    [
      'a link to a case that does not exist',
      async () => fetch(link('great', { number: 999_999 })),
      404,
      'We cannot find this case',
    ],
    [
      'a form with a forged nonce',
      async () =>
        post(
          new URLSearchParams({
            ...Object.fromEntries(await open(link('okay'))),
            n: `x${'A'.repeat(5)}.${'B'.repeat(22)}.${'C'.repeat(22)}`,
          }),
        ),
      400,
      'This form cannot be used',
    ],
    [
      'a form without an answer',
      async () => post(new URLSearchParams([...(await open(link('okay')))].filter(([name]) => name !== 'a'))),
      400,
      'Please choose an answer',
    ],
    [
      'a comment over the limit',
      async () => post(await open(link('okay'), 'okay', 'x'.repeat(1001))),
      400,
      'Your comment is too long',
    ],
    [
      'a body larger than any form',
      async () => post(`t=x&comment=${'x'.repeat(20_000)}`),
      413,
      'That was more than this page accepts',
    ],
    [
      'something that is not a form',
      () => post('{"a":"great"}', { 'Content-Type': 'application/json' }),
      415,
      'This page takes only its own form',
    ],
    ['another method', () => fetch(link('great'), { method: 'DELETE' }), 405, 'This page cannot do that'],
  ];
  for (const [what, request, status, heading] of problems) {
    it(`answers ${what} with a clear ${status} page and records nothing`, async () => {
      // Prepare
      const before = (await fixture.items('ratingEvent')).length;

      // Act
      const response = await request();
      const html = await response.text();

      // Assess
      expect(response.status).toBe(status);
      expect(html).toContain(`<h1>${heading}</h1>`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await fixture.items('ratingEvent')).toHaveLength(before);
    });
  }

  it('answers a failure it did not expect with a plain 500 page, never a stack trace', async () => {
    // Prepare: the same function, reading a table that does not exist
    const deps = await surveyDependencies(process.env, createAwsClients());
    const broken = createSurveyHandler({ ...deps, cases: new CaseStore(createTableClients().doc, 'no-such-table') });
    const server = await startSurveyServer({ port: 0, handle: (event) => broken(event, localContext()) });

    // Act
    const response = await fetch(`${server.url}?${new URL(link('great')).searchParams}`);
    const html = await response.text();
    await server.stop();

    // Assess
    expect(response.status).toBe(500);
    expect(html).toContain('<h1>Something went wrong on our side</h1>');
    expect(html).not.toMatch(/ResourceNotFound|no-such-table|\.ts:\d+/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
