import { render } from 'dom-serializer';
import { Text, isTag, isText, type AnyNode, type Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { headerFieldOf, REPLY_HEADERS } from './quote-headers.ts';

/**
 * Marks, in a mail's HTML, what its client built as a quote or a signature, by the client's own
 * structure rather than by words: Gmail's gmail_quote/gmail_attr/gmail_signature, Outlook's reply
 * separators, Apple Mail's and Thunderbird's `blockquote type=cite`, Yahoo's yahoo_quoted, ProtonMail,
 * Zimbra, Roundcube. The marks are private-use characters that survive the conversion to text, so the
 * text says which of its words were quoted (see `readMarkedText`).
 */
export const MARK = {
  quoteOpen: '\uE000',
  quoteClose: '\uE001',
  signatureOpen: '\uE002',
  signatureClose: '\uE003',
  /** Everything after this is the quoted message: Outlook puts it below its separator, not in a container. */
  cut: '\uE004',
} as const;

/** Any mark, captured, for splitting converted text at the marks. */
export const ANY_MARK = /([\uE000-\uE004])/u;

/** Cheap test before parsing: HTML with none of these words has no structure we read. */
const STRUCTURE_HINT =
  /blockquote|gmail_|name=["']?quote|divRplyFwdMsg|appendonsend|stopSpelling|border-top|tabindex|yahoo_quoted|moz-|protonmail_|tutanota_quote|mail-editor-reference|OutlookMessageHeader|OLK_SRC|MAC_OUTLOOK|__QUOTED_TEXT__|__SIG_|__DIVIDER__|zwchr|_rc_sig|signature/iu;

/** Containers whose whole content is quoted, by class or id (Yahoo prefixes its ids and classes). */
const QUOTE_CLASSES = new Set(['gmail_attr', 'moz-cite-prefix', 'moz-forward-container', 'protonmail_quote', 'tutanota_quote']);
const QUOTE_IDS = new Set(['mail-editor-reference-message-container', 'olk_src_body_section', 'mac_outlook_attribution_block', 'reply-intro']);
const YAHOO_QUOTED = /yahoo_quoted/iu;

/** Signatures the writer's client inserted: gmail_signature, moz-signature, AppleMailSignature, OWA's "Signature". */
const SIGNATURE_NAME = /signature$|^protonmail_signature_block|^_rc_sig$/iu;

/** Outlook's "From:/Sent:" box: a top border only (Word writes `border:none;border-top:solid #E1E1E1 1.0pt`). */
const TOP_BORDER_ONLY = /border-top\s*:\s*solid|border-top-style\s*:\s*solid/iu;
const OUTLOOK_SEPARATOR_COLOUR = /#(?:E1E1E1|B5C4DF)|rgb\(\s*(?:225,\s*225,\s*225|229,\s*228,\s*224)\s*\)/iu;

/** `---------- Forwarded message ---------`, as Gmail writes it in every language. */
const DASHED_TITLE = /^\s*-{3,}\s*[^-\s][^-]{2,60}-{3,}/u;

/** Gmail's "indent" button writes a blockquote with no border: the writer's own indented text. */
const INDENT_ONLY = /border\s*:\s*none/iu;

/** An attribution ("On ... wrote:") above a quote is a line or two; longer text is the writer's. */
const MAX_ATTRIBUTION_CHARS = 400;

/**
 * An attribution in a language the header patterns do not know: short, naming a date or an
 * address, ending in a colon, right above the quote ("Pada 3 Jun 2025 10.15, Tim <t@x> menulis:").
 */
const ANY_LANGUAGE_ATTRIBUTION = /^(?=.*(?:\d|@)).{8,200}[:：]$/u;

const BLOCK_TAGS = new Set(['div', 'p', 'table', 'ul', 'ol', 'li', 'pre', 'blockquote', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article']);

type Mark = 'quote' | 'signature' | 'cut';

/**
 * The HTML with its quotes, signatures and Outlook's quote separator marked (`MARK`), or undefined
 * when the HTML has none of the structures we know: then only the words can tell.
 */
export function markQuoteStructure(html: string): string | undefined {
  if (!STRUCTURE_HINT.test(html)) return undefined;
  const document = parseDocument(html);
  let marked = false;
  const visit = (nodes: readonly AnyNode[]): boolean => {
    for (const node of [...nodes]) {
      if (!isTag(node)) continue;
      const mark = markOf(node);
      if (mark === 'cut') {
        DomUtils.prepend(cutStart(node), new Text(MARK.cut));
        marked = true;
        return true;
      }
      if (mark === 'quote') {
        wrap([...attributionAbove(node), node], MARK.quoteOpen, MARK.quoteClose);
        marked = true;
      } else if (mark === 'signature') {
        wrap([node], MARK.signatureOpen, MARK.signatureClose);
        marked = true;
      } else if (visit(node.children)) return true;
    }
    return false;
  };
  visit(document.children);
  return marked ? render(document, { encodeEntities: 'utf8' }) : undefined;
}

function markOf(element: Element): Mark | undefined {
  const attribs = element.attribs;
  const id = (attribs.id ?? '').toLowerCase();
  const classes = (attribs.class ?? '').split(/\s+/u).filter((name) => name !== '');
  const style = attribs.style ?? '';
  if (isCut(element, id, classes, style)) return 'cut';
  if (element.name === 'blockquote') return isIndentOnly(element, classes, style) ? undefined : 'quote';
  if (classes.some((name) => QUOTE_CLASSES.has(name.toLowerCase()) || YAHOO_QUOTED.test(name)) || QUOTE_IDS.has(id) || YAHOO_QUOTED.test(id)) return 'quote';
  if (attribs['data-marker'] === '__QUOTED_TEXT__' || attribs.name === 'quote' || attribs.name === 'quoted-content') return 'quote';
  if (classes.includes('gmail_quote') || classes.includes('gmail_quote_container')) return isWholeGmailQuote(element) ? 'quote' : undefined;
  if (attribs['data-smartmail'] === 'gmail_signature' || attribs['data-marker'] === '__SIG_PRE__') return 'signature';
  if (SIGNATURE_NAME.test(id) || classes.some((name) => SIGNATURE_NAME.test(name))) return 'signature';
  return undefined;
}

/**
 * Gmail's quote container holds the attribution, the quoted blockquotes and any answers written
 * between them, which are the writer's. A forward (its attribution is a dashed "Forwarded message"
 * line in any language) or a container with no blockquote is quoted whole.
 */
function isWholeGmailQuote(element: Element): boolean {
  if (DomUtils.findOne((child) => child.name === 'blockquote', element.children) === null) return true;
  const attribution = DomUtils.findOne((child) => (child.attribs.class ?? '').split(/\s+/u).includes('gmail_attr'), element.children);
  return attribution !== null && DASHED_TITLE.test(DomUtils.textContent(attribution));
}

/** Outlook's and Zimbra's separators, below which everything is the quoted message. */
function isCut(element: Element, id: string, classes: readonly string[], style: string): boolean {
  if (id === 'divrplyfwdmsg' || id === 'appendonsend' || classes.includes('OutlookMessageHeader')) return true;
  if (element.name === 'hr') return id === 'stopspelling' || id === 'zwchr' || element.attribs.tabindex === '-1' || element.attribs['data-marker'] === '__DIVIDER__';
  if (element.name !== 'div' || !TOP_BORDER_ONLY.test(style)) return false;
  return OUTLOOK_SEPARATOR_COLOUR.test(style) || headerFieldOf(firstLine(element)) === 'from';
}

/** OWA draws a line (`<hr>`) just above its divRplyFwdMsg; it belongs to the quote. */
function cutStart(element: Element): AnyNode {
  const above = previousMeaningful(element);
  return above !== null && isTag(above) && above.name === 'hr' ? above : element;
}

function isIndentOnly(element: Element, classes: readonly string[], style: string): boolean {
  return classes.length === 0 && element.attribs.type === undefined && element.attribs.cite === undefined && INDENT_ONLY.test(style);
}

/**
 * The "On <date>, <name> wrote:" just above a quote, when the client wrote it outside the quote
 * (Apple Mail before 2016, old Gmail, Roundcube): the inline run back to the last line break, or
 * the block element right above.
 */
function attributionAbove(quote: Element): AnyNode[] {
  const run: AnyNode[] = [];
  let node = previousMeaningful(quote);
  while (node !== null && !(isTag(node) && (node.name === 'br' || BLOCK_TAGS.has(node.name)))) {
    run.unshift(node);
    node = node.prev;
  }
  if (run.length === 0 && node !== null && isTag(node) && node.name !== 'br') run.push(node);
  const text = DomUtils.textContent(run).replace(/\s+/gu, ' ').trim();
  if (text === '' || text.length > MAX_ATTRIBUTION_CHARS) return [];
  return ANY_LANGUAGE_ATTRIBUTION.test(text) || REPLY_HEADERS.some((pattern) => pattern.test(text)) ? run : [];
}

/** The sibling above, past blank text and line breaks. */
function previousMeaningful(node: AnyNode): AnyNode | null {
  let prev = node.prev;
  while (prev !== null && ((isText(prev) && prev.data.trim() === '') || (isTag(prev) && prev.name === 'br'))) prev = prev.prev;
  return prev;
}

function firstLine(element: Element): string {
  return DomUtils.textContent(element).trim().split(/\n/u)[0] ?? '';
}

function wrap(nodes: readonly AnyNode[], open: string, close: string): void {
  const first = nodes[0];
  const last = nodes.at(-1);
  if (first === undefined || last === undefined) return;
  DomUtils.prepend(first, new Text(open));
  DomUtils.append(last, new Text(close));
}
