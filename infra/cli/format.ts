/** How the support CLI writes tables, times and durations for a person at a terminal. */

/** Columns separated by two spaces, each as wide as its widest cell; the last is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** "2026-12-02 01:10 UTC": to the minute, in UTC, as the mail we send shows times. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export { formatDuration, formatShare } from '../../functions/core/figure-words.ts';

/** The text cut to `width` characters, ending in "…" when it was cut. */
export function truncate(text: string, width: number): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length <= width ? folded : `${folded.slice(0, Math.max(0, width - 1))}…`;
}

/** Every line of `text` indented by `prefix`. */
export function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');
}
