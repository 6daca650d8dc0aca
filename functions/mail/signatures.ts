/**
 * Lines that start a signature, or are one on their own. Only lines outside quotes count, and only
 * once the writer has said something: a separator above a forwarded message is no signature.
 */

/**
 * `-- ` (RFC 3676's signature separator), and lines made of one repeated symbol (`--`, `___`, `***`,
 * `======`) that people and Outlook use the same way. Markdown's `---` rule is lost with them: that
 * is rarer in a reply than a signature under one.
 */
export const SIGNATURE_SEPARATOR = /^\s*(?:-- ?|([-_=*#~+])\1{1,})\s*$/u;

/** Streak and Mixmax put a lone `ᐧ` (U+1427) under the text to carry their tracking pixel. */
export const TRACKER_MARK = /^\s*\u1427\s*$/u;

/** "Sent from my iPhone" and what other devices, apps and languages write in its place. */
export const DEVICE_SIGNATURES: readonly RegExp[] = [
  /^[\s(<[*_]*(?:sent|posted)\s(?:from|with|via|by|using)\s.{1,120}$/iu,
  /^\s*get (?:\[?outlook|the \S+ app).{0,120}$/iu,
  /^\s*(?:\S+\s)?from my (?:mobile|cell|phone|iphone|ipad|ipod|android|galaxy|samsung|blackberry|smartphone)\b.{0,60}$/iu,
  /^\s*\S+ from mobile$/iu,
  /^\s*(?:envoyé|envoye)\s(?:depuis|de|à partir de|avec)\s.{1,100}$/iu,
  /^\s*(?:enviado|enviada)\s(?:desde|do|de|com|con)\s.{1,100}$/iu,
  /^\s*inviato\s(?:da|dal|con)\s.{1,100}$/iu,
  /^\s*(?:verzonden|verstuurd)\s(?:met|vanaf|van)\s.{1,100}$/iu,
  /^\s*(?:skickat|sendt|sendes|lähetetty)\s(?:från|fra|med|from)\s.{1,100}$/iu,
  /^\s*(?:gesendet (?:von|mit)\s.{1,100}|von meinem .{1,60} gesendet\.?)$/iu,
  /^\s*diese nachricht wurde von meinem .{1,80} gesendet\.?$/iu,
  /^\s*(?:wysłane|wysłano)\s(?:z|ze)\s.{1,100}$/iu,
  /^\s*(?:отправлено|надіслано|послато)\s(?:с|из|з)\s.{1,100}$/iu,
  /^\s*\S.{0,40}(?:から送信|发送|發送|傳送)$/u,
  /^\s*(?:发自我的|發自我的|从我的|從我的)\s?\S.{0,40}$/u,
  // Czech, Slovak, Romanian, Greek, Croatian/Slovene/Serbian, Indonesian, Malay, Vietnamese, Thai,
  // Hebrew, Arabic, Catalan: "<sent> from/by <device>".
  /^\s*(?:odesláno|odoslané|trimis|στάλθηκε|poslano|poslato|послато|dikirim|dihantar|gửi|ส่งจาก|נשלח|أرسلت|أُرسلت|enviat)\s(?=.{0,60}(?:iphon|ipad|android|galaxy|samsung|huawei|xiaomi|pixel|outlook|yahoo|mobil|telefon|smartphone|tablet|điện thoại|ponsel|zařízení|zariadenia|uređaja|dispositiu)).{1,60}$/iu,
  // Turkish, Hungarian and Korean put the verb last ("iPhone'umdan gönderildi", "iPhone-ról küldve",
  // "iPhone에서 보냄"); Finnish puts the device in the elative ("Lähetetty iPhonesta").
  /^\s*(?=.{0,40}(?:iphon|ipad|android|galaxy|samsung|huawei|xiaomi|outlook|mobil|telefon))\S.{0,40}(?:\sgönderildi|\sküldve|에서\s?보냄|에서\s?보낸\s?메일)\.?$/iu,
  /^\s*lähetetty\s\S.{0,40}(?:sta|stä)$/iu,
  /^\s*von meinem\/meiner\s.{1,60}gesendet\.?$/iu,
  // "Get Outlook for Android" as its apps translate it.
  /^\s*(?:hent|obtenez|obtener|obter|baixe|scarica|ottieni|pobierz|hämta|hanki|haal|download|descarga|скачайте|загрузите)\s(?:\[?outlook|the \S+ app).{0,60}$/iu,
  /^\s*outlook\sfür\s(?:android|ios)\sherunterladen$/iu,
];

/** Separator lines are short and start with their symbol; most lines fail the first test. */
export function isSignatureSeparator(line: string): boolean {
  const first = line.trimStart().charAt(0);
  if (first === '' || !'-_=*#~+\u1427'.includes(first) || line.length > 120) return false;
  return SIGNATURE_SEPARATOR.test(line) || TRACKER_MARK.test(line);
}

/** Whether a line (outside quotes) is a signature the device or app added. */
export function isDeviceSignature(line: string): boolean {
  return DEVICE_SIGNATURES.some((pattern) => pattern.test(line));
}
