import { render } from 'dom-serializer';
import { Text, isTag, isText, type AnyNode, type Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { isCutComment, STRUCTURE_HINT, structureOf } from './client-quote-structures.ts';
import { REPLY_HEADERS } from './quote-headers.ts';

/**
 * Marks, in a mail's HTML, what its client built as a quote or a signature, by the client's own
 * structure rather than by words (the catalogue is client-quote-structures.ts). The marks are
 * private-use characters that survive the conversion to text, so the text says which of its words
 * were quoted (see `readMarkedText`).
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

/** An attribution ("On ... wrote:") above a quote is a line or two; longer text is the writer's. */
const MAX_ATTRIBUTION_CHARS = 400;

/**
 * An attribution in a language the header patterns do not know: short, naming a date or an
 * address, a time or a year, ending in a colon, right above the quote ("Pada 3 Jun 2025 10.15, Tim
 * menulis:"). "My order 4711:" names none of them and stays the writer's.
 */
const ANY_LANGUAGE_ATTRIBUTION = /^(?=.*(?:@|\d{1,2}[:.]\d{2}|\b(?:19|20)\d{2}\b)).{8,200}[:：]$/u;

const BLOCK_TAGS = new Set([
  'div',
  'p',
  'table',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
]);

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
      if (isCutComment(node)) {
        DomUtils.prepend(node, new Text(MARK.cut));
        marked = true;
        return true;
      }
      if (!isTag(node)) continue;
      const mark = structureOf(node);
      if (mark === 'cut') {
        DomUtils.prepend(cutStart(node), new Text(MARK.cut));
        marked = true;
        return true;
      }
      if (mark === 'quote') {
        // Only a blockquote can have its attribution outside; the other containers hold theirs.
        const attribution = node.name === 'blockquote' ? attributionAbove(node) : [];
        wrap([...attribution, node], MARK.quoteOpen, MARK.quoteClose);
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

/** OWA draws a line (`<hr>`) just above its divRplyFwdMsg; it belongs to the quote. */
function cutStart(element: Element): AnyNode {
  const above = previousMeaningful(element);
  return above !== null && isTag(above) && above.name === 'hr' ? above : element;
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
  while (prev !== null && ((isText(prev) && prev.data.trim() === '') || (isTag(prev) && prev.name === 'br')))
    prev = prev.prev;
  return prev;
}

function wrap(nodes: readonly AnyNode[], open: string, close: string): void {
  const first = nodes[0];
  const last = nodes.at(-1);
  if (first === undefined || last === undefined) return;
  DomUtils.prepend(first, new Text(open));
  DomUtils.append(last, new Text(close));
}
