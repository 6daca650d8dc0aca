import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../functions/core/case-summary.ts';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import { buildReport } from '../../functions/core/report-figures.ts';
import { renderReportHtml } from '../../infra/cli/report-html.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

/** Debian's Chromium, as the survey page's browser test uses it; a laptop without it skips this file. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RESULTS = resolve(import.meta.dirname, '../../test-results');
const PAGE = resolve(RESULTS, 'report-page.html');
const SCREENSHOT = resolve(RESULTS, 'report-page.png');
const hasChromium = existsSync(CHROMIUM);
const mustRun = process.env.CI === 'true';

const WINDOW = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), label: '2026-11' };
const day = (d: number, h = 9) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

/** A month of a three-person team: answers, solves, breaches, ratings, a recovery, a bug, a backlog. */
function sampleMonth() {
  const agents = ['A-101', 'A-102', 'S-001'] as const;
  const cases: CaseSummary[] = Array.from({ length: 60 }, (_, i) => {
    const agent = agents[i % 3] ?? 'A-101';
    const opened = 2 + Math.floor(i / 2.2);
    return {
      caseNumber: 1001 + i,
      status: i % 6 === 0 ? 'open' : 'solved',
      priority: 'normal',
      subject: `Order ${4700 + i}`,
      flags: [],
      assignee: agent,
      createdAt: day(opened),
      updatedAt: day(opened + 1),
      firstResponseAt: day(opened, 9 + (i % 4)),
      firstResponseBy: agent,
      ...(i % 6 === 0 ? {} : { solvedAt: day(opened + 1), solvedBy: agent }),
      ...(i % 9 === 0 ? { slaBreaches: ['first-response' as const] } : {}),
      ...(i === 12 ? { recoveredAt: day(20) } : {}),
      ...(i === 18 ? { bugOpenedAt: day(21) } : {}),
    };
  });
  const ratings: RatingEvent[] = cases
    .filter((c) => c.status === 'solved')
    .map((c, i) => ({
      eventId: `e${i}`,
      caseNumber: c.caseNumber,
      agentId: c.solvedBy ?? 'A-101',
      answer: i % 5 === 0 ? 'not-good' : i % 4 === 0 ? 'okay' : 'great',
      ratedAt: day(Math.min(29, 3 + Math.floor(i / 2))),
      ...(i % 7 === 0 ? { comment: `Comment ${i}: thanks <b>a lot</b>` } : {}),
    }));
  // Tom's ratings stay under the minimum: he is listed apart.
  const rated = ratings.filter((r, i) => r.agentId !== 'A-102' || i < 9);
  return buildReport({
    window: WINDOW,
    cases,
    ratings: rated,
    team: SAMPLE_TEAM,
    openCases: cases.filter((c) => c.status !== 'solved'),
  });
}

describe.skipIf(!hasChromium && !mustRun)('the report page in a real browser (Chromium, headless)', () => {
  let browser: Browser;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI needs Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium package)`);
    await mkdir(RESULTS, { recursive: true });
    await writeFile(PAGE, renderReportHtml(sampleMonth(), 'the local stack in /tmp/demo'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart with nothing fetched and nothing blocked, and shows the trends, the backlog and the bugs', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => request.url().startsWith('file:') || requests.push(request.url()));

    // Act
    await page.goto(pathToFileURL(PAGE).href);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Assess
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const headings = await page.locator('h2').allTextContents();
    expect(headings).toEqual(
      expect.arrayContaining([
        'Agents ranked by share of positive ratings',
        'Too few ratings to rank (fewer than 5)',
        'Week by week',
        'Open backlog',
        'Bugs waiting on engineering (1)',
      ]),
    );
    const charts = await page.locator('svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(charts).toHaveLength(11);
    expect(charts.every((width) => width > 300)).toBe(true);
    const captions = await page.locator('figcaption').allTextContents();
    expect(captions).toEqual(
      expect.arrayContaining([
        'Cases opened',
        'Median first response',
        'Missed a response-time target',
        'Share of "Great" ratings',
        'Recoveries',
      ]),
    );
    // Every week's column has its bar: the first full week opened cases.
    const opened = await page
      .locator('figure', { hasText: 'Cases opened' })
      .locator('rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(opened.filter((h) => h > 0).length).toBeGreaterThanOrEqual(4);
    await expect(page.locator('#unranked + table')).toBeTruthy();
    expect(await page.locator('#unranked + table tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^Tom Becker \(A-102\)/),
    ]);
    expect(await page.locator('table.bugs tbody tr').count()).toBe(1);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
