import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { TemplateData } from '../../functions/core/outbound-draft.ts';
import { compileOptionsFor, MACROS_DIR, PARTIALS_DIR } from '../../functions/mail/compiled-templates.ts';
import { templateSamples } from '../../infra/cli/template-samples.ts';
import { templateFiles } from '../../infra/templates/compile-templates.ts';

const TEMPLATES = resolve(import.meta.dirname, '../../templates');
const GERMAN = join(TEMPLATES, 'de');
/** English moves to templates/en/ (issue 19.2); until then it is templates/ itself. */
const ENGLISH = existsSync(join(TEMPLATES, 'en')) ? join(TEMPLATES, 'en') : TEMPLATES;

/**
 * English that gives away a sentence nobody translated. "case #" is matched in lower case only:
 * the subject tag "[Case #1001]" is a data value the reply parser matches, not template text.
 */
const ENGLISH_LEFTOVERS = [/Thank you/i, /\bHi /, /Warm regards/i, /case #/, /\bplease\b/i, /\breply to this email\b/i];

/**
 * The acknowledgement's two time phrases (helper "localtimes", issue 19.3), as its planner gives them
 * for a German case. The sample's own values win once the planner drafts them.
 */
const LOCAL_TIMES = {
  answerDue: 'bis heute 15:00 Uhr (Ihre Ortszeit)',
  businessHoursWords: 'Montag bis Freitag, 09:00–17:00 Uhr (Berliner Zeit)',
};

/**
 * The German folder compiled on its own, with the options a deploy compiles it with (strict; HTML parts
 * escape), so the test proves the German text whatever the lookup around it (templates-check and the
 * renderer see every language folder once issue 19.2's lookup is in).
 */
const german = Handlebars.create();
const read = (file: string) => readFileSync(join(GERMAN, file), 'utf8');
for (const file of readdirSync(join(GERMAN, PARTIALS_DIR)))
  german.registerPartial(
    file.replace(/\.hbs$/, ''),
    german.compile(read(`${PARTIALS_DIR}/${file}`), compileOptionsFor(`${PARTIALS_DIR}/${file}`)),
  );

/** A message's three parts in German, as the renderer folds them (the subject on one line). */
function render(template: string, data: TemplateData): { subject: string; text: string; html: string } {
  const part = (name: string) =>
    german.compile(read(`${template}.${name}.hbs`), compileOptionsFor(`${template}.${name}.hbs`))(data);
  return { subject: part('subject').replace(/\s+/g, ' ').trim(), text: part('text'), html: part('html') };
}

/** Every `{{...}}` of a template, sorted: German word order moves them, but none may go or come. */
function expressions(text: string): string[] {
  return [...text.matchAll(/\{\{[^}]*\}\}\}?/g)].map((m) => m[0]).sort();
}

/** The queue's signature under every customer mail (issue 19.2): the German has it before the English does. */
const SIGNATURE_BLOCK = /\{\{#if signature\}\}[\s\S]*?\{\{signature\}\}[\s\S]*?\{\{\/if\}\}/g;

/** The German as the English stands: without the signature block while the English has none. */
function asEnglishStands(en: string, de: string): string {
  return en.includes('{{signature}}') ? de : de.replace(SIGNATURE_BLOCK, '');
}

/** The names a template reads: variables, block helpers' arguments and partials. */
function names(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/\{\{\{?[#/>^]?\s*(?:if |unless |each |with |else if )?([\w.@-]+)/g)].map((m) => m[1] ?? ''),
  );
}

/** The acknowledgement's own new words (issue 19.3), which the English gains in its own branch. */
const LOCAL_TIME_NAMES = new Set(['answerDue', 'businessHoursWords', 'else', 'if']);

function dataFor(template: string, data: TemplateData): TemplateData {
  return template === 'acknowledgement' ? { ...LOCAL_TIMES, ...data } : data;
}

describe('the German templates', () => {
  it('translate every template and partial the English has', () => {
    // Prepare
    const english = templateFiles(ENGLISH).filter((f) => !f.startsWith(`${MACROS_DIR}/`));

    // Act
    const missing = english.filter((f) => !existsSync(join(GERMAN, f)));

    // Assess
    expect(english.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('keep no English sentence behind', () => {
    // Act
    const leftovers = templateFiles(GERMAN).flatMap((file) => {
      const text = readFileSync(join(GERMAN, file), 'utf8');
      return ENGLISH_LEFTOVERS.filter((phrase) => phrase.test(text)).map((phrase) => `${file}: ${phrase}`);
    });

    // Assess
    expect(leftovers).toEqual([]);
  });

  it('keep every Handlebars expression of the English, with the same meaning (the same variables, blocks and partials)', () => {
    // Prepare
    const files = templateFiles(GERMAN).filter((f) => existsSync(join(ENGLISH, f)));

    // Act
    const changed = files.filter((file) => {
      const en = readFileSync(join(ENGLISH, file), 'utf8');
      const de = asEnglishStands(en, read(file));
      if (!file.startsWith('acknowledgement.')) return expressions(en).join() !== expressions(de).join();
      const [enNames, deNames] = [names(en), names(de)];
      return (
        [...enNames].some((n) => !deNames.has(n)) ||
        [...deNames].some((n) => !enNames.has(n) && !LOCAL_TIME_NAMES.has(n))
      );
    });

    // Assess
    expect(files.length).toBeGreaterThan(60);
    expect(changed).toEqual([]);
  });

  it('render every sample message the English renders, in strict mode', () => {
    // Prepare
    const samples = templateSamples();

    // Act
    const failures: string[] = [];
    for (const { label, draft } of samples)
      try {
        render(draft.template, dataFor(draft.template, draft.data));
      } catch (error) {
        failures.push(`${label}: ${String(error)}`);
      }

    // Assess
    expect(samples.length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('acknowledge a German customer with the due time in their own time and the business hours', () => {
    // Prepare
    const sample = templateSamples().find((s) => s.draft.template === 'acknowledgement');
    if (sample === undefined) throw new Error('no acknowledgement sample');

    // Act
    const due = render('acknowledgement', { ...sample.draft.data, ...LOCAL_TIMES });
    const unknownZone = render('acknowledgement', { ...sample.draft.data, ...LOCAL_TIMES, answerDue: '' });
    const noHours = render('acknowledgement', { ...sample.draft.data, ...LOCAL_TIMES, businessHoursWords: '' });

    // Assess
    expect(due.subject).toBe('[Case #1001] My order never arrived');
    expect(due.text).toContain('vielen Dank für Ihre Nachricht.');
    expect(due.text).toContain(
      `antwortet Ihnen innerhalb von ${String(sample.draft.data.firstResponse)}, also spätestens bis heute 15:00 Uhr (Ihre Ortszeit), oft auch früher.`,
    );
    expect(due.text).toContain('Unsere Servicezeiten: Montag bis Freitag, 09:00–17:00 Uhr (Berliner Zeit).');
    expect(due.text).toContain('„My order never arrived“');
    expect(due.html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(due.html).toContain('spätestens <strong>bis heute 15:00 Uhr (Ihre Ortszeit)</strong>');
    expect(unknownZone.text).toContain(
      `antwortet Ihnen innerhalb von ${String(sample.draft.data.firstResponse)}, oft auch früher.`,
    );
    expect(noHours.text).not.toContain('Servicezeiten');
  });

  it('escape the customer’s words and the queue’s signature in HTML parts, as the English does', () => {
    // Prepare
    const sample = templateSamples().find((s) => s.draft.template === 'acknowledgement');
    if (sample === undefined) throw new Error('no acknowledgement sample');

    // Act
    const { html, text } = render('acknowledgement', {
      ...LOCAL_TIMES,
      ...sample.draft.data,
      subject: 'Wo ist <b>Paket</b> & Rechnung?',
      signature: 'Müller & Söhne GmbH\nMo–Fr <9–17 Uhr>',
    });

    // Assess
    expect(html).toContain('&bdquo;Wo ist &lt;b&gt;Paket&lt;/b&gt; &amp; Rechnung?&ldquo;');
    expect(text).toContain('„Wo ist <b>Paket</b> & Rechnung?“');
    expect(text).toContain('Herzliche Grüße\nExample Support\n\nMüller & Söhne GmbH\nMo–Fr <9–17 Uhr>\n\n--\n');
    expect(html).toContain('>Müller &amp; Söhne GmbH\nMo–Fr &lt;9–17 Uhr&gt;</p>');
  });
});
