/**
 * What mail clients write above the text they quote, in the languages our customers use. Each
 * pattern is tested against one line, or against a few lines joined with spaces (clients wrap long
 * headers), and must match the whole of it.
 */

/** Words that open an "On <date>, <name> wrote:" header (English, German, French, Spanish, ...). */
const HEADER_OPENERS = [
  'On',
  'At',
  'Am',
  'Le',
  'El',
  'Il giorno',
  'Il',
  'Em',
  'Op',
  'W dniu',
  'Dnia',
  'Den',
  'På',
  'Dne',
  'Dňa',
  'Στις',
  'În',
  'Pada',
  'Vào',
  'Ar',
].join('|');

/** The verb of that header, Latin and Cyrillic scripts ("wrote", "schrieb", "napisał(a)", "написал"). */
const WROTE = [
  'wrote',
  'writes',
  'a écrit',
  'écrit',
  'escribió',
  'escribio',
  'ha scritto',
  'scrisse',
  'escreveu',
  'schreef',
  'schrieb',
  'skrev',
  'kirjoitti',
  'napisał\\(a\\)',
  'napisała',
  'napisał',
  'pisze',
  'napsal\\(a\\)',
  'napsal',
  'napísal',
  'írta',
  'yazdı',
  'написал\\(а\\)',
  'написала',
  'написал',
  'написав',
  'пише',
  'напиша',
  // Gmail's and Yahoo's in more languages: German Yahoo, Romanian, Greek, Indonesian/Malay, Vietnamese,
  // Catalan, Croatian, Slovak/Slovene, Estonian, Latvian, Lithuanian, Bulgarian, Serbian, Icelandic,
  // Filipino, Persian, Arabic, Hindi, Thai.
  'Folgendes geschrieben',
  'geschrieben',
  'a scris',
  'έγραψε',
  'menulis',
  'đã viết',
  'va escriure',
  'napisao',
  'napisala',
  'napísal\\(a\\)',
  'napisal\\(a\\)',
  'kirjutas',
  'rakstīja',
  'rašė',
  'написа',
  'написао/ла',
  'написао',
  'skrifaði',
  'sumulat',
  'نوشت',
  'كتب',
  'लिखा',
  'เขียนว่า',
  'เขียน',
].join('|');

/** The same verb in scripts written without spaces (Chinese, Japanese, Korean). */
const WROTE_CJK = '写道|寫道|のメッセージ|작성';

/** A line ends a header: a colon, possibly full-width, and the dashes some clients put around it. */
const HEADER_END = '\\s*[:：]?[\\s-]*';

/** `On Mon, 2 Apr 2012 at 18:26, Megan <m@example.com> wrote:`, `Am 21.04.2016 17:48 schrieb "Einz" <e@x>:`. */
export const ON_DATE_SOMEONE_WROTE = new RegExp(
  `^[\\s*-]*(?:${HEADER_OPENERS})\\s(?=.*[\\d@]).{2,300}?[\\s,](?:${WROTE})(?:${HEADER_END}|\\s.{1,200}?[:：][\\s-]*)$`,
  'iu',
);

/**
 * `Some One <info@example.com> wrote:`, `Some One wrote, On 03/06/2025 10:15:` (Thunderbird's
 * "author wrote, on date" style), `23 mar 2017 21:25 "Neil" <n@x> napisał(a):`,
 * `понедельник, 6 октября 2014 г. пользователь lidel написал:`. Without an opener word a header
 * must name an address, a time or a year, and end with a colon, so "I wrote one of my own:" stays text.
 */
export const SOMEONE_WROTE = new RegExp(
  `^(?=.*(?:@|\\d{1,2}[:.]\\d{2}|\\b(?:19|20)\\d{2}\\b))(?:(?![!?:]\\s).){2,300}?[\\s,"'>](?:${WROTE})(?:[\\s,].{1,200}?)?\\s*[:：][\\s-]*$`,
  'iu',
);

/**
 * `Anna Schmidt schrieb:`, `Jan Novak wrote:`: Thunderbird's "author wrote" style (and Outlook's
 * plain-text "Name wrote:"), with no date or address at all. Only a line that is nothing but a
 * capitalised name of two to four words and the verb, so "Something wrote:" and "the bank wrote:"
 * stay text.
 */
export const NAME_WROTE = new RegExp(
  `^\\p{Lu}[\\p{L}'’.-]+(?:\\s\\p{Lu}[\\p{L}'’.-]+){1,3}\\s(?:${WROTE})\\s?[:：]$`,
  'u',
);

/** `在 2016年3月3日 17:21，Some One <x@example.com> 写道：`, `2016/03/03 17:21、Some One のメッセージ:`. */
export const SOMEONE_WROTE_CJK = new RegExp(`^(?=.*\\d).{2,300}?(?:${WROTE_CJK})\\s*[:：]?$`, 'u');

/** `26.06.2014, 14:41, "Alexander" <a@example.com>:`, `Thu, 26 Jun 2014 14:00:51 +0400 от Alex <a@example.com>:`. */
export const DATE_SOMEONE_EMAIL =
  /^(?:\p{L}{2,12}\.?,?\s)?\d.{3,120}?\d{1,2}[:.]\d{2}.{0,200}?<?[^\s<>@]+@[^\s<>@]+>*\s*[:：]$/u;

/** Gmail's localized form `2016-03-03 17:21 GMT+01:00 Some One <x@example.com>:`, seen with the address lost. */
export const GMAIL_ISO_DATE_SOMEONE = /^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{2}:\d{2} [^:<>]{1,80}$/u;

/** Gmail's older form `2013/7/20 sam via Discourse <info@example.com>`, with no verb at all. */
export const GMAIL_SLASH_DATE_SOMEONE = /^\d{4}\/\d{1,2}\/\d{1,2} [^:<>]{1,80}<[^\s<>@]+@[^\s<>]+>:?$/u;

/**
 * A line that introduces a `>` quote right below it, in any words: Horde's `Quoting Some One
 * <x@example.com>:` and `Zitat von ...:`, Mutt's `* Some One <x@example.com> [2025-06-03 16:20]:`.
 * It must name an address in brackets, as clients write the sender, and end in a colon; "The error
 * at 10:15 says:" and "Here is what noreply@bank.example sent me:" stay the writer's.
 */
export const QUOTE_INTRO = /^(?=.*[<([]\s?[^\s<>()[\]@]+@[^\s<>()[\]]+[>)\]])[^>\s].{6,200}?[:：]\s*$/u;

/** Every header pattern, tried in this order. */
export const REPLY_HEADERS: readonly RegExp[] = [
  ON_DATE_SOMEONE_WROTE,
  SOMEONE_WROTE,
  NAME_WROTE,
  SOMEONE_WROTE_CJK,
  DATE_SOMEONE_EMAIL,
  GMAIL_ISO_DATE_SOMEONE,
  GMAIL_SLASH_DATE_SOMEONE,
];

/** A line may end a header if it ends like one; only those lines are worth joining and testing. */
export const HEADER_LAST_LINE = new RegExp(
  `(?:[:：]|\\b(?:wrote|writes)|${WROTE_CJK}|GMT[+-]\\d{2}:\\d{2} [^:<>]{1,80}|@[^\\s<>]+>)[\\s-]*$`,
  'iu',
);

/**
 * A wrapped header's first line must itself look like the start of one: an opener word, a date or
 * weekday, a name with an address, or a name and the verb (Thunderbird's "author wrote, on date").
 * This keeps the reply's last sentence out of the header.
 */
export const HEADER_FIRST_LINE = new RegExp(
  `^[\\s*-]*(?:(?:${HEADER_OPENERS})\\s|\\d|\\p{L}{2,12}\\.?,\\s\\d|\\S.*[@<"]|\\S.*\\s(?:${WROTE})(?:[\\s,:：]|$))`,
  'iu',
);

/** A header start that is an opener word ("On", "Am", "Le"): such a header may run on past a blank line. */
export const HEADER_OPENER_START = new RegExp(`^[\\s*-]*(?:${HEADER_OPENERS})\\s`, 'iu');

/** A header start that names a date or an opener word; a wrapped date belongs to the header. */
export const HEADER_DATED_START = new RegExp(`^[\\s*-]*(?:(?:${HEADER_OPENERS})\\s|\\d|\\p{L}{2,12}\\.?,\\s\\d)`, 'iu');

/**
 * GroupWise's header, `>>> "Support" <support@example.com> 03.02.2015 10:15 >>>` (name, address,
 * date and time between chevrons), above a quoted message it does not mark with `>` at all.
 */
export const GROUPWISE_HEADER = /^\s*>>>\s.{1,200}?\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?\s*>>>\s*$/u;

/**
 * A short title between dashes (`------------------ Original ------------------`, QQ Mail's), in any
 * language: it starts the quoted message when a quoted header follows it.
 */
export const DASHED_TITLE =
  /^\s*[-‐‑‒–—=_*]{3,}\s*(?=[^\n]*\p{L})[^-‐‑‒–—=_*.!?:;\s][^-‐‑‒–—=_*.!?:;]{0,40}?\s*[-‐‑‒–—=_*]{3,}\s*$/u;

/**
 * `-----Original Message-----`, `---------- Forwarded message ----------` and their translations,
 * with ASCII or Unicode dashes (ProtonMail writes `‐‐‐‐‐‐‐ Original Message ‐‐‐‐‐‐‐`).
 */
export const ORIGINAL_MESSAGE = new RegExp(
  '^[\\s*_]*[-‐‑‒–—=_*]{2,}\\s*(?:Original Message|Reply Message|Forwarded message|Ursprüngliche Nachricht|' +
    "Weitergeleitete Nachricht|Message d'origine|Message transféré|Mensaje original|Mensaje reenviado|" +
    'Messaggio originale|Messaggio inoltrato|Mensagem original|Mensagem encaminhada|Oorspronkelijk bericht|' +
    'Doorgestuurd bericht|Originalmeddelande|Vidarebefordrat meddelande|Oprindelig meddelelse|' +
    'Videresendt meddelelse|Opprinnelig melding|Videresendt melding|Alkuperäinen viesti|Välitetty viesti|' +
    'Oryginalna wiadomość|Wiadomość przekazana|Původní zpráva|Původní e-mail|Исходное сообщение|' +
    'Пересылаемое сообщение|Пересланное сообщение|原始邮件|転送されたメッセージ)\\s*[-‐‑‒–—=_*]{2,}[\\s*_]*$',
  'iu',
);

/** Apple Mail and others introduce a forward with a sentence rather than dashes. */
export const FORWARD_INTRO =
  /^\s*(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Inicio del mensaje reenviado|Inizio messaggio inoltrato|Início da mensagem reencaminhada|Begin doorgestuurd bericht)\s*:?\s*$/iu;

/** Header-field names of a quoted message's From/Sent/To/Subject block (Outlook writes no `>`). */
export const HEADER_FIELDS = {
  from: [
    'From',
    'Von',
    'De',
    'Da',
    'Van',
    'Från',
    'Fra',
    'Od',
    'От',
    'Від',
    'Lähettäjä',
    'Feladó',
    'Kimden',
    '发件人',
    '寄件者',
    '差出人',
    '보낸 사람',
  ],
  sent: [
    'Sent',
    'Date',
    'Gesendet',
    'Datum',
    'Envoyé',
    'Inviato',
    'Data',
    'Enviado',
    'Enviada em',
    'Fecha',
    'Verzonden',
    'Skickat',
    'Sendt',
    'Dato',
    'Wysłano',
    'Отправлено',
    'Дата',
    'Надіслано',
    'Odesláno',
    'Lähetetty',
    'Elküldve',
    'Gönderildi',
    '发送时间',
    '日期',
    '送信日時',
    '보낸 날짜',
  ],
  to: [
    'To',
    'An',
    'À',
    'A',
    'Para',
    'Aan',
    'Till',
    'Til',
    'Do',
    'Кому',
    'Komu',
    'Vastaanottaja',
    'Címzett',
    'Kime',
    '收件人',
    '宛先',
    '받는 사람',
  ],
  cc: ['Cc', 'Kopie', 'Copie à', 'Kopia', 'Копия', 'Kopio', '抄送'],
  subject: [
    'Subject',
    'Betreff',
    'Objet',
    'Oggetto',
    'Asunto',
    'Assunto',
    'Onderwerp',
    'Ämne',
    'Emne',
    'Temat',
    'Тема',
    'Předmět',
    'Aihe',
    'Tárgy',
    'Konu',
    '主题',
    '主旨',
    '件名',
    '제목',
  ],
  other: ['Reply-To', 'Risposta', 'Antwort an', 'Répondre à', 'Responder a'],
} as const;

export type HeaderField = keyof typeof HEADER_FIELDS;

const FIELD_NAMES = new Map<string, HeaderField>(
  (Object.entries(HEADER_FIELDS) as [HeaderField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name.toLowerCase(), field] as const),
  ),
);

/** Field names are short; a colon further in is prose, and the pattern need not run. */
const MAX_FIELD_NAME_END = 30;

/** `From: x`, `*From:* x` (Outlook's text of bold HTML), `De : x` (French spacing). */
const HEADER_FIELD_LINE = /^\s*[*_]{0,2}([\p{L} -]{1,20}?)[*_]{0,2}\s?[:：][*_]{0,2}(?:\s|$)/u;

/** Which header field a line starts with, if any. */
export function headerFieldOf(line: string): HeaderField | undefined {
  const colon = line.search(/[:：]/u);
  if (colon === -1 || colon > MAX_FIELD_NAME_END) return undefined;
  const match = HEADER_FIELD_LINE.exec(line);
  return match?.[1] === undefined ? undefined : FIELD_NAMES.get(match[1].trim().toLowerCase());
}
