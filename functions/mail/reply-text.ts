/**
 * Interim reply extraction until the corpus-tuned stripper lands: cuts at the first quote marker.
 * The whole text is always kept alongside.
 */
const QUOTE_START = /^(>|On .+ wrote:\s*$|-----Original Message-----|From: .+)/m;

export function extractReplyText(input: { text?: string; html?: string }): { reply: string; full: string } {
  const full = input.text ?? '';
  const cut = full.search(QUOTE_START);
  return { reply: (cut === -1 ? full : full.slice(0, cut)).trim(), full };
}
