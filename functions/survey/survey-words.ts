import { FALLBACK_LANGUAGE, type LanguageCode } from '../core/queues.ts';
import type { SurveyAnswer } from '../core/survey-token.ts';

/**
 * The survey page's words that are not in its template: the answers' labels, the titles, and the
 * sentences that carry a value (a date, a case number, a name). The page itself is
 * templates/<language>/survey-page.html.hbs; these follow the case's language with it.
 */
export interface SurveyWords {
  /** How dates are written (Intl locale): "31 December 2026", "31. Dezember 2026". */
  readonly locale: string;
  readonly answers: Readonly<Record<SurveyAnswer, string>>;
  readonly formTitle: string;
  readonly thanksTitle: string;
  readonly sorryTitle: string;
  readonly recorded: (answer: string, caseNumber: number) => string;
  readonly change: (until: string) => string;
  readonly changeLink: string;
  readonly followUp: (by: string | undefined) => string;
  readonly supervisorOffer: string;
  readonly supervisorTitle: string;
  readonly supervisorComing: (name: string, caseNumber: number, by: string | undefined) => string;
  readonly nothingElse: string;
  readonly againLink: string;
}

const ENGLISH: SurveyWords = {
  locale: 'en-GB',
  answers: { great: 'Great', okay: 'Okay', 'not-good': 'Not good' },
  formTitle: 'How did we do?',
  thanksTitle: 'Thank you',
  sorryTitle: 'Thank you for telling us',
  recorded: (answer, caseNumber) => `We have recorded your answer “${answer}” for case #${caseNumber}.`,
  change: (until) => `You can change it until ${until} by opening the survey again.`,
  changeLink: 'Change my answer',
  followUp: (by) =>
    by === undefined
      ? 'We are sorry it was not better. A person from our team will get back to you about it.'
      : `We are sorry it was not better. A person from our team will get back to you by ${by}.`,
  supervisorOffer:
    'If you would rather speak to a supervisor, press the button below and the supervisor on duty will contact you.',
  supervisorTitle: 'A supervisor will contact you',
  supervisorComing: (name, caseNumber, by) =>
    `${name}, our supervisor on duty, now has case #${caseNumber} and will contact you${by === undefined ? ' as soon as they can' : ` by ${by}`}.`,
  nothingElse: 'You do not need to do anything else. You can also reply to our email at any time.',
  againLink: 'Open the survey again',
};

const GERMAN: SurveyWords = {
  locale: 'de-DE',
  answers: { great: 'Sehr gut', okay: 'In Ordnung', 'not-good': 'Nicht gut' },
  formTitle: 'Wie war unsere Hilfe?',
  thanksTitle: 'Vielen Dank',
  sorryTitle: 'Danke für Ihre Rückmeldung',
  recorded: (answer, caseNumber) => `Wir haben Ihre Antwort „${answer}“ zu Vorgang #${caseNumber} gespeichert.`,
  change: (until) => `Sie können sie bis zum ${until} ändern, indem Sie die Umfrage erneut öffnen.`,
  changeLink: 'Meine Antwort ändern',
  followUp: (by) =>
    by === undefined
      ? 'Es tut uns leid, dass es nicht besser war. Jemand aus unserem Team meldet sich dazu bei Ihnen.'
      : `Es tut uns leid, dass es nicht besser war. Jemand aus unserem Team meldet sich bis ${by} bei Ihnen.`,
  supervisorOffer:
    'Wenn Sie lieber mit der Teamleitung sprechen möchten, klicken Sie auf die Schaltfläche unten: Die diensthabende Teamleitung meldet sich dann bei Ihnen.',
  supervisorTitle: 'Die Teamleitung meldet sich bei Ihnen',
  supervisorComing: (name, caseNumber, by) =>
    `${name} aus unserer Teamleitung hat Vorgang #${caseNumber} übernommen und meldet sich ${by === undefined ? 'so bald wie möglich' : `bis ${by}`} bei Ihnen.`,
  nothingElse: 'Sie müssen nichts weiter tun. Sie können uns auch jederzeit auf unsere E-Mail antworten.',
  againLink: 'Umfrage erneut öffnen',
};

/** The words of each language the survey speaks; a case in any other language reads English. */
const SURVEY_WORDS: Readonly<Record<LanguageCode, SurveyWords>> = { en: ENGLISH, de: GERMAN };

/** The survey's words in `language`, or English when it has none in it. */
export function surveyWords(language: LanguageCode = FALLBACK_LANGUAGE): SurveyWords {
  return SURVEY_WORDS[language] ?? ENGLISH;
}
