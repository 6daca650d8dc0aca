import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The project's own hand-written mail fixtures (tests/fixtures/mail-shapes): the shapes the
 * third-party corpora show, small enough to run in every clone. Its INDEX.tsv has the columns of
 * ../shared/corpora/INDEX.tsv; EXPECTATIONS.json says what each fixture is.
 */
export const MAIL_SHAPES = resolve(import.meta.dirname, '../fixtures/mail-shapes');

/** Quoted replies with the text a reader should keep: `<name>.{txt,html,eml}` beside `<name>.expected.txt`. */
export const REPLY_FIXTURES = resolve(import.meta.dirname, '../fixtures/quoted-replies');

/** The corpora nobody on this project wrote (../shared/corpora/README.md); absent in a fresh clone. */
export const SHARED_CORPORA = resolve(import.meta.dirname, '../../../shared/corpora');

/** What one INDEX.tsv message is: written by a person or a machine, and what kind of mail. */
export interface MailShape {
  readonly writer: 'person' | 'machine';
  /** `question`, `bounce`, `complaint`, `vacation`, `list`, `notification`. */
  readonly kind: string;
}

/** What reading an SES notification must give: a bounce with this status, a complaint of this type, or refused (a delivery is neither). */
export type FeedbackReading =
  | { readonly outcome: 'bounce'; readonly status: string }
  | { readonly outcome: 'complaint'; readonly feedbackType: string }
  | { readonly outcome: 'refused' };

/** One SES notification fixture: what it must read as, and the one recipient it names. */
export type FeedbackShape = FeedbackReading & { readonly address: string };

interface Expectations {
  readonly mail: Readonly<Record<string, MailShape>>;
  readonly sesFeedback: Readonly<Record<string, FeedbackShape>>;
}

/** tests/fixtures/mail-shapes/EXPECTATIONS.json, our own file, read as written. */
export function mailShapeExpectations(): Expectations {
  return JSON.parse(readFileSync(resolve(MAIL_SHAPES, 'EXPECTATIONS.json'), 'utf8')) as Expectations;
}
