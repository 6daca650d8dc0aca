import { describe, expect, it } from 'vitest';
import { partsOfLines } from '../../functions/mail/line-parts.ts';
import { readMarkedText, wordsOf, type MarkedWord, type Part } from '../../functions/mail/marked-text.ts';
import { MARK } from '../../functions/mail/html-quote-marks.ts';
import { alignWords } from '../../functions/mail/word-alignment.ts';

const marked = (...runs: [Part, string][]): MarkedWord[] =>
  runs.flatMap(([part, text]) => wordsOf(text).map((word) => ({ word, part })));

describe('which lines of a text part the HTML marks as quoted', () => {
  it('judges each line by the HTML words it matches, whatever the wrapping and punctuation', () => {
    // Prepare: Outlook's text part, with no ">" and a header in Greek
    const lines = [
      'Ευχαριστώ, λειτουργεί.',
      '',
      'Από: Support <support@help.example.com>',
      'Θέμα: RE: [#1042]',
      '',
      'Δοκιμάστε ξανά.',
    ];
    const html = marked(
      ['own', 'Ευχαριστώ, λειτουργεί.'],
      ['quote', 'Από: Support support@help.example.com Θέμα: RE: [#1042] Δοκιμάστε ξανά.'],
    );

    // Act
    const parts = partsOfLines(lines, html);

    // Assess
    expect(parts).toEqual(['own', 'quote', 'quote', 'quote', 'quote', 'quote']);
  });

  it('gives a line the HTML lacks to its nearest matched line, and a wordless rule to the line it introduces', () => {
    // Prepare: a link address under its text; a "____" rule and "----- Mail original -----" over the quoted header
    const lines = [
      'See the form',
      '<https://example.com/form>',
      '____',
      'From: Support',
      '',
      '----- Mail original -----',
      'De: Support',
    ];
    const html = marked(['own', 'See the form'], ['quote', 'From: Support'], ['quote', 'De: Support']);

    // Act
    const parts = partsOfLines(lines, html);

    // Assess
    expect(parts).toEqual(['own', 'own', 'quote', 'quote', 'quote', 'quote', 'quote']);
  });

  it('keeps a ">" line quoted, and the signature the HTML marked apart', () => {
    expect(
      partsOfLines(['Yes.', '> Is it?', '-- ', 'Ana Lima'], marked(['own', 'Yes. Is it?'], ['signature', 'Ana Lima'])),
    ).toEqual(['own', 'quote', 'signature', 'signature']);
  });

  it('cannot tell when the text part says something else than the HTML', () => {
    expect(
      partsOfLines(
        ['Please view this mail in HTML.'],
        marked(['own', 'Works now, thanks.'], ['quote', 'Did it work?']),
      ),
    ).toBeUndefined();
  });
});

describe('reading converted HTML at its marks', () => {
  it('splits the writer’s text, the signature and everything after Outlook’s cut', () => {
    // Prepare
    const rendered = `Hi${MARK.quoteOpen}\n> asked\n${MARK.quoteClose}\nAnswer\n${MARK.signatureOpen}Ana${MARK.signatureClose}\n${MARK.cut}From: Support\nOld`;

    // Act
    const read = readMarkedText(rendered);

    // Assess
    expect(read).toMatchObject({
      own: 'Hi\nAnswer\n\n',
      withSignature: 'Hi\nAnswer\nAna\n',
      plain: 'Hi\n> asked\n\nAnswer\nAna\nFrom: Support\nOld',
    });
    expect(read.words.map((w) => `${w.part}:${w.word}`)).toEqual([
      'own:hi',
      'quote:asked',
      'own:answer',
      'signature:ana',
      'quote:from',
      'quote:support',
      'quote:old',
    ]);
  });
});

describe('aligning the words of the two parts', () => {
  it('still aligns a long thread whose parts differ at both ends, by cutting at words found once in each', () => {
    // Prepare: 3,000 distinct words, with a different first and last word: 9 million cells, over the table's limit
    const body = Array.from({ length: 3000 }, (_, k) => k + 10);
    const text = [1, ...body, 2];
    const html = [3, ...body, 4];

    // Act
    const matchOf = alignWords(text, html);

    // Assess
    expect([matchOf[0], matchOf[1], matchOf[1500], matchOf[3000], matchOf[3001]]).toEqual([-1, 1, 1500, 3000, -1]);
  });
});
