import { MAX_COMMENT_CHARS } from '../core/survey-vote.ts';
import type { SurveyWords } from './survey-words.ts';

const ANSWER_LABELS = { great: 'Sehr gut', okay: 'In Ordnung', 'not-good': 'Nicht gut' } as const;

const REPLY_INSTEAD =
  'Sie können auch einfach auf unsere E-Mail antworten und uns schreiben, wie zufrieden Sie waren: Ihre Antwort erreicht unser Team.';

/**
 * The survey pages' words in German, as a German support team writes them (formal "Sie", „…“
 * quotes, days as "22. Dezember 2026"). Each problem page keeps the status its English one has.
 */
export const GERMAN_SURVEY_WORDS: SurveyWords = {
  language: 'de',
  answerLabels: ANSWER_LABELS,
  day: new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  formTitle: 'Wie war unsere Hilfe?',
  thanksTitle: 'Vielen Dank',
  thanksHeading: 'Vielen Dank!',
  unhappyHeading: 'Danke für Ihre Rückmeldung',
  recorded: (answerLabel, caseNumber) =>
    `Wir haben Ihre Antwort „${answerLabel}“ zu Vorgang #${caseNumber} gespeichert.`,
  change: (until) => `Sie können sie bis zum ${until} ändern, indem Sie die Umfrage noch einmal öffnen.`,
  sorry: (by) =>
    by === undefined
      ? 'Es tut uns leid, dass wir Ihnen nicht besser helfen konnten. Jemand aus unserem Team meldet sich dazu persönlich bei Ihnen.'
      : `Es tut uns leid, dass wir Ihnen nicht besser helfen konnten. Jemand aus unserem Team meldet sich dazu bis ${by} persönlich bei Ihnen.`,
  supervisorOffer:
    'Wenn Sie lieber mit der Teamleitung sprechen möchten, klicken Sie auf die Schaltfläche unten: Die diensthabende Teamleitung meldet sich dann bei Ihnen.',
  changeLink: 'Meine Antwort ändern',
  supervisorHeading: 'Die Teamleitung meldet sich bei Ihnen',
  supervisorRequested: (supervisorName, caseNumber, by) =>
    `${supervisorName}, unsere diensthabende Teamleitung, hat Ihren Vorgang #${caseNumber} übernommen und meldet sich ${by === undefined ? 'so bald wie möglich' : `bis ${by}`} bei Ihnen.`,
  nothingElseNeeded: 'Sie müssen nichts weiter tun. Sie können uns auch jederzeit auf unsere E-Mail antworten.',
  againLink: 'Umfrage noch einmal öffnen',
  problems: {
    'malformed-link': {
      status: 400,
      heading: 'Dieser Link ist unvollständig',
      paragraphs: [
        'Ein Teil des Umfragelinks fehlt. Das passiert, wenn ein langer Link in einer E-Mail abgeschnitten oder auf mehrere Zeilen verteilt wird.',
        `Öffnen Sie den Link noch einmal aus unserer E-Mail, oder kopieren Sie ihn vollständig in Ihren Browser. ${REPLY_INSTEAD}`,
      ],
    },
    'forged-link': {
      status: 403,
      heading: 'Dieser Link funktioniert nicht',
      paragraphs: [
        'Der Umfragelink wurde verändert, deshalb können wir ihn keinem Vorgang zuordnen. Es wurde nichts gespeichert.',
        `Öffnen Sie den Link noch einmal aus unserer E-Mail. ${REPLY_INSTEAD}`,
      ],
    },
    'expired-link': {
      status: 410,
      heading: 'Diese Umfrage ist beendet',
      paragraphs: [
        'Umfragelinks gelten nach dem Abschluss eines Vorgangs nur eine begrenzte Zeit, und dieser ist abgelaufen. Es wurde nichts gespeichert.',
        'Wenn Sie uns trotzdem noch etwas mitteilen möchten, antworten Sie einfach auf unsere E-Mail: Ihre Antwort erreicht unser Team.',
      ],
    },
    'unknown-case': {
      status: 404,
      heading: 'Wir finden diesen Vorgang nicht',
      paragraphs: [
        'Der Link verweist auf einen Vorgang, den es bei uns nicht gibt. Es wurde nichts gespeichert.',
        'Antworten Sie stattdessen einfach auf unsere E-Mail und schreiben Sie uns, wie zufrieden Sie waren: Ihre Antwort erreicht unser Team.',
      ],
    },
    'forged-form': {
      status: 400,
      heading: 'Dieses Formular kann nicht verwendet werden',
      paragraphs: [
        'Das Formular wurde verändert oder nur unvollständig übertragen, deshalb wurde nichts gespeichert.',
        'Öffnen Sie den Umfragelink aus unserer E-Mail noch einmal und senden Sie Ihre Antwort von dieser Seite ab.',
      ],
    },
    'expired-form': {
      status: 410,
      heading: 'Diese Seite war zu lange geöffnet',
      paragraphs: [
        'Eine Umfrageseite gilt nach dem Öffnen einen Tag lang, und diese ist abgelaufen. Es wurde nichts gespeichert.',
        'Öffnen Sie die Umfrage einfach noch einmal: Das dauert nur einen Moment.',
      ],
    },
    'replayed-form': {
      status: 409,
      heading: 'Bereits gespeichert',
      paragraphs: [
        'Dieses Formular wurde schon einmal abgeschickt, und die Antwort darin ist gespeichert. Ein erneutes Absenden ändert nichts.',
        'Wenn Sie Ihre Antwort ändern möchten, öffnen Sie die Umfrage noch einmal.',
      ],
    },
    superseded: {
      status: 409,
      heading: 'Eine neuere Antwort zählt',
      paragraphs: [
        'Im selben Moment ist eine neuere Antwort zu diesem Vorgang bei uns eingegangen, oder Sie haben schon an einer späteren Umfrage dazu teilgenommen – diese zählt. Die Antwort von dieser Seite wurde nicht gespeichert.',
        'Wenn Sie Ihre Antwort ändern möchten, öffnen Sie die Umfrage aus unserer neuesten E-Mail.',
      ],
    },
    'missing-answer': {
      status: 400,
      heading: 'Bitte wählen Sie eine Antwort',
      paragraphs: [
        'Das Formular kam ohne eine der drei Antworten bei uns an, deshalb wurde nichts gespeichert.',
        `Öffnen Sie die Umfrage noch einmal, wählen Sie „${ANSWER_LABELS.great}“, „${ANSWER_LABELS.okay}“ oder „${ANSWER_LABELS['not-good']}“, und klicken Sie auf die Schaltfläche.`,
      ],
    },
    'comment-too-long': {
      status: 400,
      heading: 'Ihr Kommentar ist zu lang',
      paragraphs: [
        `Ein Kommentar darf höchstens ${MAX_COMMENT_CHARS.toLocaleString('de-DE')} Zeichen lang sein, deshalb wurde nichts gespeichert.`,
        'Öffnen Sie die Umfrage noch einmal und fassen Sie sich etwas kürzer, oder antworten Sie auf unsere E-Mail und erzählen Sie uns alles ausführlich.',
      ],
    },
    'not-a-form': {
      status: 415,
      heading: 'Diese Seite nimmt nur ihr eigenes Formular an',
      paragraphs: [
        'Was hier ankam, war nicht das Formular einer Umfrageseite, deshalb wurde nichts gespeichert.',
        'Öffnen Sie den Umfragelink aus unserer E-Mail und antworten Sie über die Schaltfläche auf der Seite.',
      ],
    },
    'too-large': {
      status: 413,
      heading: 'Das war mehr, als diese Seite annimmt',
      paragraphs: [
        'Das Formular war zu groß, deshalb wurde nichts gespeichert.',
        `Öffnen Sie die Umfrage noch einmal und schreiben Sie einen kürzeren Kommentar. ${REPLY_INSTEAD}`,
      ],
    },
    'wrong-method': {
      status: 405,
      heading: 'Das kann diese Seite nicht',
      paragraphs: [
        'Eine Umfrageseite wird über ihren Link geöffnet und über ihre Schaltfläche beantwortet; etwas anderes nimmt sie nicht an.',
        'Öffnen Sie den Umfragelink aus unserer E-Mail.',
      ],
    },
    unexpected: {
      status: 500,
      heading: 'Bei uns ist etwas schiefgelaufen',
      paragraphs: [
        'Wir konnten diese Seite gerade nicht anzeigen oder Ihre Antwort nicht speichern. Wir haben das Problem protokolliert.',
        `Bitte versuchen Sie es in ein paar Minuten noch einmal. ${REPLY_INSTEAD}`,
      ],
    },
  },
  plainErrorPage:
    '<!DOCTYPE html><html lang="de"><meta charset="utf-8"><title>Etwas ist schiefgelaufen</title><h1>Bei uns ist etwas schiefgelaufen</h1><p>Bitte versuchen Sie es in ein paar Minuten noch einmal, oder antworten Sie stattdessen auf unsere E-Mail.</p></html>',
};
