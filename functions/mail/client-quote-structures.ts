import { isComment, type AnyNode, type Element } from 'domhandler';
import { DomUtils } from 'htmlparser2';
import { headerFieldOf } from './quote-headers.ts';

/**
 * What each mail client builds around a quote or a signature in the HTML it sends: the catalogue
 * `markQuoteStructure` walks with. A quote is a container (Gmail, Apple Mail, Thunderbird, Yahoo,
 * ProtonMail, Zimbra, GMX, Spark, Zoho); Outlook and Samsung instead put a separator (a "cut")
 * with everything below it quoted.
 */
export type Structure = 'quote' | 'signature' | 'cut';

/** Cheap test before parsing: HTML with none of these words has no structure we read. */
export const STRUCTURE_HINT =
  /blockquote|gmail_|name=["']?quote|divRplyFwdMsg|appendonsend|stopSpelling|border-top|tabindex|yahoo_quoted|moz-|protonmail_|tutanota_quote|mail-editor-reference|OutlookMessageHeader|OLK_SRC|MAC_OUTLOOK|__QUOTED_TEXT__|__SIG_|__DIVIDER__|zwchr|_rc_sig|signature|messageReply|zmail_|Zm-_Id_|originalMessage|MsoNormal/iu;

/** Containers whose whole content is quoted, by class or id (Yahoo prefixes its ids and classes). */
const QUOTE_CLASSES = new Set([
  'gmail_attr',
  'moz-cite-prefix',
  'moz-forward-container',
  'protonmail_quote',
  'tutanota_quote',
  'zmail_extra',
]);
const QUOTE_IDS = new Set([
  'mail-editor-reference-message-container',
  'olk_src_body_section',
  'mac_outlook_attribution_block',
  'reply-intro',
]);
const YAHOO_QUOTED = /yahoo_quoted/iu;

/** By `name`: GMX and web.de's quote and its header, Spark's reply section. */
const QUOTE_NAMES = new Set(['quote', 'quoted-content', 'messagereplysection']);

/**
 * Signatures the writer's client inserted: gmail_signature, moz-signature, AppleMailSignature,
 * OWA's "Signature", ms-outlook-mobile-signature, Samsung's composer_signature, ProtonMail's block,
 * Roundcube's _rc_sig, Zoho's Zm-_Id_-Sgn, Spark's messageSignatureSection (a `name`).
 */
const SIGNATURE_NAME = /signature$|^protonmail_signature_block$|^_rc_sig$|^zm-_id_-sgn$|^messagesignaturesection$/iu;

/** Outlook's "From:/Sent:" box: a top border only (Word writes `border:none;border-top:solid #E1E1E1 1.0pt`). */
const TOP_BORDER_ONLY = /border-top\s*:\s*solid|border-top-style\s*:\s*solid/iu;
const OUTLOOK_SEPARATOR_COLOUR = /#(?:E1E1E1|B5C4DF)|rgb\(\s*(?:225,\s*225,\s*225|229,\s*228,\s*224)\s*\)/iu;

/** `---------- Forwarded message ---------`, as Gmail writes it in every language. */
const DASHED_TITLE = /^\s*-{3,}\s*[^-\s][^-]{2,60}-{3,}/u;

/** From, Sent, To, Subject: a quoted header names at least three of its fields. */
const MIN_HEADER_LABELS = 3;

/** A quoted header names an address or a time ("Sent: ... 10:15"); a list of the writer's details rarely does. */
const HEADER_VALUE = /@|\d{1,2}[:.]\d{2}/u;

/** Gmail's "indent" button writes a blockquote with no border: the writer's own indented text. */
const INDENT_ONLY = /border\s*:\s*none/iu;

/** Samsung Email writes `<!-- originalMessage -->` above the message it quotes, in every language. */
export function isCutComment(node: AnyNode): boolean {
  return isComment(node) && node.data.trim() === 'originalMessage';
}

/** Whether an element is a quote, a signature or a cut, by what its client named or drew it. */
export function structureOf(element: Element): Structure | undefined {
  const attribs = element.attribs;
  const id = (attribs.id ?? '').toLowerCase();
  const classes = (attribs.class ?? '').split(/\s+/u).filter((name) => name !== '');
  const style = attribs.style ?? '';
  if (isCut(element, id, classes, style)) return 'cut';
  if (element.name === 'blockquote') return isIndentOnly(element, classes, style) ? undefined : 'quote';
  if (
    classes.some((name) => QUOTE_CLASSES.has(name.toLowerCase()) || YAHOO_QUOTED.test(name)) ||
    QUOTE_IDS.has(id) ||
    YAHOO_QUOTED.test(id)
  )
    return 'quote';
  const name = (attribs.name ?? '').toLowerCase();
  if (attribs['data-marker'] === '__QUOTED_TEXT__' || QUOTE_NAMES.has(name)) return 'quote';
  if (classes.includes('gmail_quote') || classes.includes('gmail_quote_container'))
    return isWholeGmailQuote(element) ? 'quote' : undefined;
  if (attribs['data-smartmail'] === 'gmail_signature' || attribs['data-marker'] === '__SIG_PRE__') return 'signature';
  if (SIGNATURE_NAME.test(id) || SIGNATURE_NAME.test(name) || classes.some((name) => SIGNATURE_NAME.test(name)))
    return 'signature';
  return undefined;
}

/**
 * Gmail's quote container holds the attribution, the quoted blockquotes and any answers written
 * between them, which are the writer's. A forward (its attribution is a dashed "Forwarded message"
 * line in any language) or a container with no blockquote is quoted whole.
 */
function isWholeGmailQuote(element: Element): boolean {
  if (DomUtils.findOne((child) => child.name === 'blockquote', element.children) === null) return true;
  const attribution = DomUtils.findOne(
    (child) => (child.attribs.class ?? '').split(/\s+/u).includes('gmail_attr'),
    element.children,
  );
  return attribution !== null && DASHED_TITLE.test(DomUtils.textContent(attribution));
}

/** Outlook's, Word's and Zimbra's separators, below which everything is the quoted message. */
function isCut(element: Element, id: string, classes: readonly string[], style: string): boolean {
  if (
    id === 'divrplyfwdmsg' ||
    id === 'appendonsend' ||
    classes.some((name) => name.toLowerCase() === 'outlookmessageheader')
  )
    return true;
  if (element.name === 'hr')
    return (
      id === 'stopspelling' ||
      id === 'zwchr' ||
      element.attribs.tabindex === '-1' ||
      element.attribs['data-marker'] === '__DIVIDER__'
    );
  if (classes.includes('MsoNormal') && isWordHeaderParagraph(element)) return true;
  if (element.name !== 'div' || !TOP_BORDER_ONLY.test(style)) return false;
  return OUTLOOK_SEPARATOR_COLOUR.test(style) || headerFieldOf(firstLine(element)) === 'from';
}

/**
 * Outlook 2007-2010 without its border: one Word paragraph that starts with a bold label and holds
 * three or more bold labels ending in a colon, one a line (`<b>From:</b> ...<br><b>Sent:</b> ...`),
 * in whatever language. A writer's own labels are separate paragraphs, one per Enter.
 */
function isWordHeaderParagraph(element: Element): boolean {
  const labels = DomUtils.findAll(
    (child) => (child.name === 'b' || child.name === 'strong') && /[:：]\s*$/u.test(DomUtils.textContent(child)),
    element.children,
  );
  if (
    labels.length < MIN_HEADER_LABELS ||
    DomUtils.findAll((child) => child.name === 'br', element.children).length < MIN_HEADER_LABELS - 1
  )
    return false;
  const first = labels[0];
  const text = DomUtils.textContent(element);
  return (
    first !== undefined && text.trimStart().startsWith(DomUtils.textContent(first).trim()) && HEADER_VALUE.test(text)
  );
}

function isIndentOnly(element: Element, classes: readonly string[], style: string): boolean {
  return (
    classes.length === 0 &&
    element.attribs.type === undefined &&
    element.attribs.cite === undefined &&
    INDENT_ONLY.test(style)
  );
}

function firstLine(element: Element): string {
  return DomUtils.textContent(element).trim().split(/\n/u)[0] ?? '';
}
