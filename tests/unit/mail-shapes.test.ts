import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIL_SHAPES, mailShapeExpectations } from '../support/mail-shapes.ts';

/** INDEX.tsv rows as [path, bytes]; the header row names the columns of ../shared/corpora/INDEX.tsv. */
function indexRows(): { header: string; rows: Array<[string, number]> } {
  const [header = '', ...lines] = readFileSync(join(MAIL_SHAPES, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  return {
    header,
    rows: lines.map((line) => line.split('\t')).map(([path = '', bytes = '']) => [path, Number(bytes)]),
  };
}

describe('the hand-written mail fixtures describe themselves truthfully', () => {
  it("INDEX.tsv lists every .eml once, with its size in bytes, in the corpora's column layout", () => {
    const emls = readdirSync(MAIL_SHAPES, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.eml'))
      .sort();
    const { header, rows } = indexRows();

    expect(header.split('\t')).toEqual(['path', 'bytes', 'top_content_type', 'charsets', 'features', 'subject(raw)']);
    expect(rows.map(([path]) => path).sort()).toEqual(emls);
    expect(
      rows.filter(([path, bytes]) => statSync(join(MAIL_SHAPES, path)).size !== bytes).map(([path]) => path),
    ).toEqual([]);
  });

  it('EXPECTATIONS.json says what every listed message is, and names only files that exist', () => {
    const { mail, sesFeedback } = mailShapeExpectations();

    expect(Object.keys(mail).sort()).toEqual(
      indexRows()
        .rows.map(([path]) => path)
        .sort(),
    );
    expect(Object.keys(sesFeedback).filter((path) => !existsSync(join(MAIL_SHAPES, path)))).toEqual([]);
  });
});
