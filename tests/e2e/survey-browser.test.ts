import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSurveyToken, surveyLinks, type SurveyAnswer } from '../../functions/core/survey-token.ts';
import { mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/** Debian's Chromium (`apt-get install chromium`); CI installs it, a laptop without it skips this file. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium dials Google's services at start, which a closed network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = resolve(import.meta.dirname, '../../test-results/survey-page.png');
const UNHAPPY_SCREENSHOT = resolve(import.meta.dirname, '../../test-results/survey-unhappy-thanks.png');
const SUPERVISOR_SCREENSHOT = resolve(import.meta.dirname, '../../test-results/survey-supervisor-requested.png');
const DAY_MS = 86_400_000;
const hasChromium = existsSync(CHROMIUM);
const mustRun = process.env.CI === 'true';

describe.skipIf(!hasChromium && !mustRun)('the survey page in a real browser (Chromium, headless)', () => {
  let fixture: StackFixture;
  let browser: Browser;
  let page: Page;
  let caseNumber: number;
  let links: Record<SurveyAnswer, string>;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI needs Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium package)`);
    fixture = await startStackFixture();
    await fixture.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Hello, order 4711 never arrived.',
    });
    caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;
    // Maria solves the case from her mail client; the links are the ones in Ana's closing mail.
    const maria = mailClient(fixture, { login: 'maria@staff.example.com' });
    const [notification] = await fixture.mailbox('team@staff.example.com');
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: '#solve\nThe replacement is on its way, tracking 123456.',
    });
    maria.close();
    const closing = (await fixture.mailbox('ana@customer.test')).at(-1)?.mail.text ?? '';
    const link = (label: string) => new RegExp(`^ {2}${label}:\\s+(\\S+)$`, 'm').exec(closing)?.[1] ?? '';
    links = { great: link('Great'), okay: link('Okay'), 'not-good': link('Not good') };
    if (!links.great.startsWith(fixture.stack.surveyUrl))
      throw new Error(`The closing mail holds no survey link to ${fixture.stack.surveyUrl}:\n${closing}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    // A blocked style or script (CSP) and any failed load show up here.
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await fixture?.stop();
  });

  const ratings = () => fixture.items('rating');
  const events = () => fixture.items('ratingEvent');

  it('opens a link with its answer chosen and records nothing', async () => {
    // Act
    const response = await page.goto(links.okay);

    // Assess
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('How did we do?');
    expect(await page.getByText(`Case #${caseNumber}: My order never arrived`).isVisible()).toBe(true);
    const group = page.getByRole('group', { name: 'How happy are you with the help you got?' });
    expect(await group.getByRole('radio').count()).toBe(3);
    expect(await group.getByRole('radio', { name: 'Okay' }).isChecked()).toBe(true);
    expect(await group.getByRole('radio', { name: 'Great' }).isChecked()).toBe(false);
    expect(await ratings()).toEqual([]);
    expect(await events()).toEqual([]);
  });

  it('is styled under its strict Content-Security-Policy, with large targets and no script', async () => {
    // Assess: the hashed style block applied, nothing was blocked, nothing runs
    const button = page.getByRole('button', { name: 'Send my answer' });
    // Runs in the page; this Node project does not load the DOM's types, so the one call is typed here.
    type InPage = { getComputedStyle(element: unknown): { backgroundColor: string } };
    expect(
      await button.evaluate((element) => (globalThis as unknown as InPage).getComputedStyle(element).backgroundColor),
    ).toBe('rgb(11, 92, 173)');
    for (const name of ['Great', 'Okay', 'Not good']) {
      const box = await page.locator('label.answer', { hasText: name }).boundingBox();
      expect(box?.height, name).toBeGreaterThanOrEqual(44);
    }
    expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    expect(await page.locator('script').count()).toBe(0);
    expect(problems).toEqual([]);

    await mkdir(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`Survey page screenshot: ${SCREENSHOT}`);
  });

  it('takes an answer from the keyboard and records it, with the comment, when confirmed', async () => {
    // Act: from "Okay", the arrow key moves to "Great"; type a comment; confirm
    await page.getByRole('radio', { name: 'Okay' }).focus();
    await page.keyboard.press('ArrowUp');
    await page
      .getByLabel('Anything you would like to add? (optional)')
      .fill('Maria found the parcel in a day. Thank you!');
    await page.getByRole('button', { name: 'Send my answer' }).click();

    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you!');
    expect(await page.getByText(`We have recorded your answer “Great” for case #${caseNumber}.`).isVisible()).toBe(
      true,
    );
    expect(await ratings()).toEqual([
      expect.objectContaining({
        caseNumber,
        agentId: 'A-101',
        answer: 'great',
        comment: 'Maria found the parcel in a day. Thank you!',
      }),
    ]);
    expect(await events()).toHaveLength(1);
  });

  it('lets the customer change the rating on a second visit, with their comment kept, and keeps both answers in the log', async () => {
    // Act
    await page.goto(links['not-good']);
    const note = await page.locator('.note').textContent();
    const comment = await page.getByLabel('Anything you would like to add? (optional)').inputValue();
    await page.getByRole('button', { name: 'Send my answer' }).click();

    // Assess
    expect(note).toMatch(
      /^You rated this case “Great” on \d{1,2} \w+ \d{4}\. You can change your answer until \d{1,2} \w+ \d{4}\.$/,
    );
    expect(comment).toBe('Maria found the parcel in a day. Thank you!');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Thank you for telling us');
    expect(await ratings()).toEqual([
      expect.objectContaining({
        caseNumber,
        answer: 'not-good',
        comment: 'Maria found the parcel in a day. Thank you!',
      }),
    ]);
    expect((await events()).map((e) => e.answer).sort()).toEqual(['great', 'not-good']);
  });

  it('after an unhappy vote says when a person will answer, and a supervisor can be asked for with one press', async () => {
    // Prepare: the thank-you page of the "Not good" above
    expect(
      await page
        .getByText(/A person from our team will get back to you by \w+day \d{1,2} \w+ at \d\d:\d\d/)
        .isVisible(),
    ).toBe(true);
    const ask = page.getByRole('button', { name: 'I’d like a supervisor to contact me' });
    expect((await ask.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: UNHAPPY_SCREENSHOT, fullPage: true });

    // Act
    await ask.click();

    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('A supervisor will contact you');
    expect(
      await page
        .getByText(`Sam Okafor, our supervisor on duty, now has case #${caseNumber} and will contact you`)
        .isVisible(),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.screenshot({ path: SUPERVISOR_SCREENSHOT, fullPage: true });
    console.log(`Supervisor request screenshots: ${UNHAPPY_SCREENSHOT}, ${SUPERVISOR_SCREENSHOT}`);
    const cases = await fixture.items('case');
    expect(cases.find((c) => c.caseNumber === caseNumber)).toMatchObject({ status: 'open', assignee: 'S-001' });
    const toSam = (await fixture.mailbox('sam@staff.example.com')).map((m) => m.mail.subject);
    expect(toSam).toContain(`[Case #${caseNumber}] The customer asks for a supervisor: My order never arrived`);
  });

  it('shows a clear page for a forged link', async () => {
    // Prepare: credit the rating to another agent by editing the link
    const forged = links.great.replace('.A-101.', '.A-102.');

    // Act
    const response = await page.goto(forged);

    // Assess
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link does not work');
    expect(await page.getByText('reply to our email').count()).toBeGreaterThan(0);
  });

  it('shows a clear page for an expired link', async () => {
    // Prepare
    const old = surveyLinks(
      fixture.stack.surveyUrl,
      createSurveyToken(process.env.REPLY_TOKEN_SECRET ?? '', {
        caseNumber,
        agentId: 'A-101',
        now: new Date(Date.now() - 29 * DAY_MS),
      }),
    );

    // Act
    const response = await page.goto(old.great);

    // Assess
    expect(response?.status()).toBe(410);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This survey has closed');
  });

  it('records a replayed form once', async () => {
    // Prepare: the fields the page would post, read from a freshly opened page
    await page.goto(links.okay);
    const form = new URLSearchParams({
      t: (await page.locator('input[name=t]').inputValue()) ?? '',
      n: (await page.locator('input[name=n]').inputValue()) ?? '',
      a: 'okay',
      comment: '',
    });
    const before = (await events()).length;
    const post = () =>
      fetch(fixture.stack.surveyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });

    // Act
    const first = await post();
    const replay = await post();

    // Assess
    expect([first.status, replay.status]).toEqual([200, 409]);
    expect(await replay.text()).toContain('<h1>Already recorded</h1>');
    expect(await events()).toHaveLength(before + 1);
    expect(await ratings()).toEqual([expect.objectContaining({ caseNumber, answer: 'okay' })]);
  });
});
