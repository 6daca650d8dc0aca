/** How reports and digests write durations and shares, in the terminal and in mail alike. */

/** "40 s", "25 min", "3 h 10 min", "2 d 4 h": a duration at a glance, to two units. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** "42%": a share between 0 and 1, rounded to a whole percent. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A duration, or "—" when there is none. */
export const durationOrDash = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms));
/** A share, or "—" when nothing was counted. */
export const shareOrDash = (share: number | undefined) => (share === undefined ? '—' : formatShare(share));
