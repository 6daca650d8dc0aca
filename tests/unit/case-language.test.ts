import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply } from '../../functions/core/agent-reply.ts';
import {
  collapsedPrefix,
  decideCaseLanguage,
  isLanguageCode,
  MAX_DETECTED_CHARS,
  MIN_DETECTABLE_CHARS,
} from '../../functions/core/case-language.ts';
import { describeDuration, formatDay } from '../../functions/core/customer-words.ts';
import { loadLanguageDetector } from '../../functions/mail/language-detector.ts';
import { parseMessage } from '../../functions/mail/parse-message.ts';
import { sampleCase, sampleReply } from '../support/sample-case.ts';

const detect = await loadLanguageDetector();

const GERMAN =
  'Guten Tag, ich habe letzte Woche eine Bestellung aufgegeben und bis heute keine Versandbestätigung erhalten.';
const ENGLISH = 'Hello, I placed an order last week and still have not received a shipping confirmation.';
const FRENCH = "Bonjour, j'ai passé une commande la semaine dernière et je n'ai toujours rien reçu.";

describe("a new case's language, from its first mail", () => {
  it('is what the detector reads in German, English and French words', () => {
    // Act
    const languages = [GERMAN, ENGLISH, FRENCH].map((words) => decideCaseLanguage({ words }, detect));

    // Assess
    expect(languages).toEqual(['de', 'en', 'fr']);
  });

  it('tells short sentences apart from MIN_DETECTABLE_CHARS on', () => {
    // Prepare: one short sentence in each language, each at least the minimum long.
    const short = ['Wo ist meine Bestellung?', 'Please cancel my subscription.', 'Merci beaucoup pour votre aide'];

    // Act
    const languages = short.map((words) => decideCaseLanguage({ words }, detect, 'en'));

    // Assess
    expect(short.every((words) => words.length >= MIN_DETECTABLE_CHARS)).toBe(true);
    expect(languages).toEqual(['de', 'en', 'fr']);
  });

  it("is the queue's language below MIN_DETECTABLE_CHARS, however sure a detector would be", () => {
    // Prepare
    const asked: string[] = [];
    const sure = (text: string) => {
      asked.push(text);
      return 'fr';
    };

    // Act
    const danke = decideCaseLanguage({ words: '  Danke!\n\n' }, sure, 'de');
    const thanks = decideCaseLanguage({ words: 'Thanks, see attached'.slice(0, MIN_DETECTABLE_CHARS - 1) }, sure);

    // Assess
    expect(danke).toBe('de');
    expect(thanks).toBe('en');
    expect(asked).toEqual([]);
  });

  it("is the queue's language when the detector cannot tell or answers no language", () => {
    // Act
    const unsure = decideCaseLanguage({ words: ENGLISH }, () => undefined, 'de');
    const nonsense = decideCaseLanguage({ words: ENGLISH }, () => 'xx', 'de');

    // Assess
    expect([unsure, nonsense]).toEqual(['de', 'de']);
  });

  it('takes a Content-Language header that names a language over the words, even one without templates', () => {
    // Act
    const german = decideCaseLanguage({ contentLanguage: 'de-DE', words: ENGLISH }, detect);
    const listed = decideCaseLanguage({ contentLanguage: 'FR, en;q=0.5', words: GERMAN }, detect);
    const bogus = decideCaseLanguage({ contentLanguage: 'xx-YY', words: GERMAN }, detect);

    // Assess
    expect(german).toBe('de');
    expect(listed).toBe('fr');
    expect(bogus).toBe('de');
  });

  it('gives the detector at most MAX_DETECTED_CHARS of a long mail', () => {
    // Prepare
    let seen = 0;

    // Act
    decideCaseLanguage({ words: `${GERMAN} `.repeat(100) }, (text) => {
      seen = text.length;
      return 'de';
    });

    // Assess
    expect(seen).toBe(MAX_DETECTED_CHARS);
  });

  it('knows an ISO 639-1 code from anything else', () => {
    expect(['de', 'fr', 'en', 'ja'].map(isLanguageCode)).toEqual([true, true, true, true]);
    expect(['xx', 'DE', 'deu', 'd', '../en', ''].map(isLanguageCode)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reads the same first words from a long text as collapsing all of it would, without collapsing all of it', () => {
    // Prepare: prose, a pasted log, whitespace runs of every length, and texts that are mostly whitespace.
    const word = (i: number) => ['Paket', 'order', 'délai', '😀', 'x'][i % 5];
    const gap = (i: number) => [' ', '\n\n', '\t ', ' '.repeat(300), '\r\n'.repeat(i % 7)][i % 5];
    const texts = [10, 200, 1_000, 5_000, 40_000].flatMap((n) => [
      Array.from({ length: n }, (_, i) => `${word(i)}${gap(i)}`).join(''),
      `${' '.repeat(n * 5)}Wo ist mein Paket?`,
      `\n${'a'.repeat(n)}`,
    ]);

    for (const text of texts) {
      // Act
      const prefix = collapsedPrefix(text, MAX_DETECTED_CHARS);

      // Assess
      expect(prefix).toBe(text.replace(/\s+/g, ' ').trim().slice(0, MAX_DETECTED_CHARS));
    }
  });
});

describe('#language', () => {
  it("changes the case's language, and says so in its history", () => {
    // Prepare
    const german = sampleCase({ language: 'de' });

    // Act
    const plan = planAgentReply(sampleReply(german, '#language en\n\nHi Ana, from now on in English.'));

    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.supportCase.language).toBe('en');
    expect(plan.supportCase.recent.map((e) => e.snippet)).toContain('#language en: English from now on');
  });

  it('refuses a code that is no language, and changes nothing', () => {
    // Act
    const parsed = parseAgentCommands('#language xx\n\nHallo Ana');
    const plan = planAgentReply(sampleReply(sampleCase({ language: 'de' }), '#language klingon\n\nHallo Ana'));

    // Assess
    expect(parsed.problems).toEqual([
      '#language needs a two-letter language code (ISO 639-1), e.g. "#language de" for German; "xx" is not one.',
    ]);
    expect(plan.supportCase.language).toBe('de');
    expect(plan.drafts.explanation?.template).toBe('command-problem');
  });
});

describe("the core's own words in a customer's mail", () => {
  it('says durations and days in German for a German case, in English for a language without templates', () => {
    expect(describeDuration(4, 'business ', 'de')).toBe('4 Geschäftsstunden');
    expect(describeDuration(1.5, '', 'de')).toBe('1,5 Stunden');
    expect(describeDuration(72, '', 'de')).toBe('3 Tage');
    expect(describeDuration(4, 'business ', 'fr')).toBe('4 business hours');
    expect(formatDay('2026-12-01T10:00:00Z', 'Europe/Berlin', 'de')).toBe('Dienstag, 1. Dezember');
    expect(formatDay('2026-12-01T10:00:00Z', 'Europe/Berlin', 'fr')).toBe('Tuesday 1 December');
  });
});

describe('Content-Language, as parsing reads it', () => {
  it('keeps the header as it came, for the case to take its language from', async () => {
    // Prepare
    const raw = Buffer.from(
      'From: Ana <ana@kundin.test>\r\nTo: support@example.test\r\nSubject: Hallo\r\nContent-Language: de-DE\r\n\r\nHello.\r\n',
    );

    // Act
    const parsed = await parseMessage(raw);

    // Assess
    expect(parsed.contentLanguage).toBe('de-DE');
    expect(decideCaseLanguage({ contentLanguage: parsed.contentLanguage, words: parsed.text ?? '' }, detect)).toBe(
      'de',
    );
  });
});
