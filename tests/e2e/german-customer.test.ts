import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, latestAbout, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const RESULTS = resolve(import.meta.dirname, '../../test-results');
const ANA = 'ana@kundin.test';

describe('a German customer, answered in German from the acknowledgement to the survey page', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let ana: ReturnType<typeof mailClient>;

  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    maria = mailClient(fixture, { dkim: agents.dkim });
    ana = mailClient(fixture);
  });
  afterAll(async () => {
    maria.close();
    ana.close();
    await fixture.stop();
  });

  const latest = async (address: string) => (await fixture.mailbox(address)).at(-1)!;
  /** Kept for a person to open in a mail client, as Ana got it (test-results/ is ignored by git). */
  const keep = async (name: string, raw: Buffer) => {
    await mkdir(dirname(resolve(RESULTS, name)), { recursive: true });
    await writeFile(resolve(RESULTS, name), raw);
  };
  /** Maria answers the latest notification about case #1001, from her own client, DKIM-signed. */
  const mariaAnswers = async (text: string) => {
    const { mail } = await latestAbout(fixture, 1001, ['team@staff.example.com', 'maria@staff.example.com']);
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(mail),
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId,
      text: `${text}\n\nOn Mon, 23 Nov 2026 at 10:00, Example Support <support@example.test> wrote:\n> earlier\n`,
    });
  };
  const anaAnswers = async (text: string) => {
    const { mail } = await latest(ANA);
    await ana.send({
      from: `Ana Schneider <${ANA}>`,
      to: replyToOf(mail),
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId,
      references: [mail.messageId!],
      text: `${text}\n\nAm 23.11.2026 um 10:05 schrieb Example Support <support@example.test>:\n> frühere Worte\n`,
    });
  };

  it('a German mail with no Content-Language opens a German case and gets a German acknowledgement', async () => {
    await ana.send({
      from: `Ana Schneider <${ANA}>`,
      to: 'support@example.test',
      subject: 'Bestellung nicht angekommen',
      text: 'Guten Tag, meine Bestellung 4711 ist nach zwei Wochen immer noch nicht angekommen. Können Sie mir bitte helfen?',
    });

    const cases = await fixture.items('case');
    expect(cases.find((c) => c.caseNumber === 1001)).toMatchObject({ language: 'de' });
    const { mail, raw } = await latest(ANA);
    await keep('german-acknowledgement.eml', raw);
    expect(mail.subject).toBe('[Case #1001] Bestellung nicht angekommen');
    expect(mail.text).toContain('Hallo Ana,');
    expect(mail.text).toContain('vielen Dank für Ihre Nachricht');
    expect(mail.text).toContain('Vorgang #1001');
    expect(mail.text).toContain('innerhalb von 4 Geschäftsstunden');
    expect(mail.html).toContain('<html lang="de">');
    expect(mail.headers.get('content-language')).toBe('de');
    // The team reads the queue's language: English.
    const notification = await latest('team@staff.example.com');
    expect(notification.mail.text).toContain('Guten Tag, meine Bestellung 4711');
    expect(notification.mail.html).toContain('<html lang="en">');
    expect(notification.mail.headers.get('content-language')).toBe('en');
  });

  it("wraps the agent's own words, untranslated, in German", async () => {
    await mariaAnswers('#take\nHallo Frau Schneider, wir haben heute ein Ersatzpaket verschickt.');

    const { mail } = await latest(ANA);
    expect(mail.text).toMatch(/^Hallo Frau Schneider, wir haben heute ein Ersatzpaket verschickt\.\n/);
    expect(mail.text).toContain('Maria Lopez · Mitarbeiter-ID A-101');
    expect(mail.text).toContain('Vorgang #1001');
    expect(mail.text).not.toContain('Agent ID');
  });

  it('closes with a German closing mail whose survey page is German', async () => {
    await anaAnswers('Das Paket ist angekommen, vielen Dank!');
    await mariaAnswers('#solve\nSchön, dass es angekommen ist!');

    const { mail, raw } = await latest(ANA);
    await keep('german-closing-mail.eml', raw);
    const text = mail.text ?? '';
    expect(text).toMatch(/^Schön, dass es angekommen ist!\n/);
    expect(text).toContain('Kann ich sonst noch etwas für Sie tun?');
    expect(text).not.toContain('anything else');
    expect(text).toMatch(
      /bis (Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}\. \p{L}+ noch ändern/u,
    );
    const links = [...text.matchAll(/^ {2}(Sehr gut|In Ordnung|Nicht gut):\s+(\S+)$/gm)].map((m) => m[2]!);
    expect(links).toHaveLength(3);

    const page = await fetch(links[0]!);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Wie war unsere Hilfe? · Example Support</title>');
    expect(html).toContain('Vorgang #1001');
    expect(html).toMatch(/value="great" required checked>Sehr gut</);

    // Confirming the vote thanks her in German too.
    const field = (name: string) =>
      (new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '').replaceAll('&#x3D;', '=');
    const vote = await fetch(new URL('/survey', links[0]), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: field('t'), n: field('n'), a: 'great', comment: '' }).toString(),
    });
    const thanks = await vote.text();
    expect(vote.status).toBe(200);
    expect(thanks).toContain('<h1>Vielen Dank!</h1>');
    expect(thanks).toContain('Wir haben Ihre Antwort „Sehr gut“ zu Vorgang #1001 gespeichert.');

    // The same form sent again is explained in German: the case was read.
    const again = await fetch(new URL('/survey', links[0]), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: field('t'), n: field('n'), a: 'great', comment: '' }).toString(),
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('<h1>Bereits gespeichert</h1>');
  });

  it('#language en switches every later mail to English; the agent is not asked to translate', async () => {
    await anaAnswers('Sorry, could we continue in English? My colleague reads along.');
    await mariaAnswers('#language en\n\nOf course, from now on in English.');

    const cases = await fixture.items('case');
    const kase = cases.find((c) => c.caseNumber === 1001);
    expect(kase).toMatchObject({ language: 'en' });
    expect(JSON.stringify(kase?.recent)).toContain('#language en: English from now on');
    const answer = await latest(ANA);
    expect(answer.mail.text).toMatch(/^Of course, from now on in English\.\n/);
    expect(answer.mail.text).toContain('Maria Lopez · Agent ID A-101');

    await mariaAnswers('#solve');
    const closing = await latest(ANA);
    expect(closing.mail.text).toContain('is there anything else I can help you with?');
    expect(closing.mail.html).toContain('<html lang="en">');
  });
});
