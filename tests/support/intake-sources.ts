import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIL_SHAPES, mailShapeExpectations, SHARED_CORPORA } from './mail-shapes.ts';

/**
 * A collection of mail that tests/integration/corpus-intake.test.ts takes in through the whole
 * pipeline, described by what its folders hold, so that one set of assertions reads each.
 */
export interface IntakeSource {
  readonly name: string;
  /** The folder whose INDEX.tsv lists the messages; INDEX paths are relative to it. */
  readonly root: string;
  readonly present: boolean;
  /** Why it is not here, when it is not. */
  readonly missing: string;
  /** Which INDEX.tsv rows are taken in (`corpus` is the path's first folder). */
  readonly takes: (row: { readonly path: string; readonly corpus: string }) => boolean;
  /**
   * The folder of bounces, complaints and auto-replies: a `Return-Path: <>` kept there was a null
   * envelope sender, and all its mail but what a person wrote must be held.
   */
  readonly machineCorpus: string;
  /** Folders of everyday mail, most of it written by people. */
  readonly isOrdinaryCorpus: (corpus: string) => boolean;
  /** What each message is, by INDEX path (`vacation`, `userunknown`, `bounce` ...). */
  readonly reasons: () => Map<string, string[]>;
  /** Files in the machine folder that a person wrote: opening a case and acknowledging them is right. */
  readonly writtenByAPerson: ReadonlySet<string>;
  /** Machine mail the pipeline cannot tell from a person's (the known detection gaps). */
  readonly knownAcknowledgedMachineMail: ReadonlySet<string>;
  /**
   * Machine mail from a no-reply sender with no automatic header, no list header and no report part:
   * a no-reply address alone no longer holds a mail (a person forwards a shop's notice from one), so
   * these open a case, never acknowledged (silence `no-reply-sender`), and the agent is told the
   * sender takes no replies.
   */
  readonly noReplyMachineMail: ReadonlySet<string>;
  /** The bounce whose part's Content-Type is folded onto a `charset=` line without ";". */
  readonly foldedContentType: string;
  /** How many vacation replies it has. */
  readonly vacations: number;
  /** Counts each run must exceed: fewer means the source was not read whole. */
  readonly moreThan: {
    readonly messages: number;
    readonly reports: number;
    readonly autoSubmitted: number;
    readonly ordinary: number;
    readonly caseOpened: number;
    readonly held: number;
  };
  /** SES sample events (JSON), and how many Lambda-action events and others it has at least. */
  readonly sesEvents: { readonly dir: string; readonly lambda: number; readonly others: number };
}

const SISIMAI = 'bounces-autoreplies-sisimai';
const SES_EVENTS = 'ses-events';

/** Our hand-written fixtures (tests/fixtures/mail-shapes): `people/` is everyday mail, `automatic/` the machines'. */
const ownFixtures: IntakeSource = (() => {
  const shapes = Object.entries(mailShapeExpectations().mail);
  return {
    name: 'hand-written fixtures',
    root: MAIL_SHAPES,
    present: true,
    missing: '',
    takes: ({ path }) => path.endsWith('.eml'),
    machineCorpus: 'automatic',
    isOrdinaryCorpus: (corpus) => corpus === 'people',
    reasons: () => new Map(shapes.map(([path, shape]) => [path, [shape.kind]])),
    writtenByAPerson: new Set(
      shapes
        .filter(([path, shape]) => path.startsWith('automatic/') && shape.writer === 'person')
        .map(([path]) => path),
    ),
    knownAcknowledgedMachineMail: new Set(),
    noReplyMachineMail: new Set(['automatic/no-reply-shipping.eml']),
    foldedContentType: 'automatic/dsn-folded-content-type.eml',
    vacations: 4,
    moreThan: { messages: 20, reports: 1, autoSubmitted: 1, ordinary: 7, caseOpened: 8, held: 10 },
    sesEvents: { dir: join(MAIL_SHAPES, SES_EVENTS), lambda: 2, others: 2 },
  };
})();

/** The corpora in ../shared/corpora: MIME test suites, sisimai's bounces, SES's own event samples. */
const sharedCorpora: IntakeSource = {
  name: 'shared corpora',
  root: SHARED_CORPORA,
  present: existsSync(join(SHARED_CORPORA, 'INDEX.tsv')),
  missing: `${SHARED_CORPORA} is not on this machine`,
  takes: ({ path, corpus }) =>
    corpus.startsWith('mime-') ||
    corpus === SISIMAI ||
    ((corpus === SES_EVENTS || corpus === 'auth-mailauth') && path.endsWith('.eml')),
  machineCorpus: SISIMAI,
  isOrdinaryCorpus: (corpus) => corpus.startsWith('mime-'),
  reasons: sisimaiReasons,
  writtenByAPerson: new Set([
    // A forwarded bounce, and sisimai's two non-bounces.
    `${SISIMAI}/set-of-emails/maildir/bsd/lhost-sendmail-14.eml`,
    `${SISIMAI}/set-of-emails/maildir/not/is-not-bounce-01.eml`,
    `${SISIMAI}/set-of-emails/maildir/not/is-not-bounce-02.eml`,
  ]),
  /**
   * The known detection gap: machine-written mail with none of the signals the pipeline reads
   * (automatic headers, list headers, a report part, a null or mailer-daemon sender), so it
   * opens a case and is acknowledged (at most `autoReplyLimitPerHour` times an hour per address).
   */
  knownAcknowledgedMachineMail: new Set(
    [
      // A Hotmail (JMRP) abuse complaint sent as multipart/mixed with the offending mail attached: no
      // report part, no automatic header, a plausible From (arf-23 and arf-24 are copies of it).
      'arf-22',
    ].map((name) => `${SISIMAI}/set-of-emails/maildir/bsd/${name}.eml`),
  ),
  noReplyMachineMail: new Set(
    [
      // KDDI's "メールエラー通知" (mail error notice) from no-reply@…dion.ne.jp, a bounce as multipart/mixed.
      'lhost-kddi-01',
    ].map((name) => `${SISIMAI}/set-of-emails/maildir/bsd/${name}.eml`),
  ),
  foldedContentType: `${SISIMAI}/set-of-emails/maildir/bsd/lhost-x1-02.eml`,
  vacations: 5,
  moreThan: { messages: 800, reports: 330, autoSubmitted: 280, ordinary: 200, caseOpened: 150, held: 450 },
  sesEvents: { dir: join(SHARED_CORPORA, SES_EVENTS), lambda: 10, others: 8 },
};

/** Our own fixtures always; the shared corpora when they are on this machine. */
export const INTAKE_SOURCES: readonly IntakeSource[] = [ownFixtures, sharedCorpora];

/** The sisimai expectation reasons of each file's recipients (`vacation`, `userunknown` ...). */
function sisimaiReasons(): Map<string, string[]> {
  const file = join(SHARED_CORPORA, SISIMAI, 'EXPECTATIONS.helper-extracted.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { recipients: Array<{ reason: string }> }>;
  return new Map(
    Object.entries(json).map(([path, row]) => [`${SISIMAI}/${path}`, row.recipients.map((r) => r.reason)]),
  );
}
