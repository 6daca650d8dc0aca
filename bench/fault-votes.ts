import { simpleParser } from 'mailparser';

/** A customer's browser tries a page this often when it answers with an error (a person presses reload). */
const VOTE_ATTEMPTS = 6;

export interface VoteResult {
  /** The vote went through (200 on its confirmation). */
  readonly recorded: boolean;
  /** Confirmations sent: one, more after an error page, and a second click for every double-clicker. */
  readonly posts: number;
}

/**
 * Votes "Great" from a closing message as a person does: opens the link, confirms the form, and
 * presses reload while the page answers with an error. `doubleClick` confirms the same form twice,
 * as an impatient person does; the vote must still count once.
 */
export async function voteGreat(closingRaw: Buffer, doubleClick: boolean): Promise<VoteResult> {
  const text = (await simpleParser(closingRaw)).text ?? '';
  const link = /Great:\s+(\S+)/.exec(text)?.[1];
  if (link === undefined) throw new Error('The closing message has no "Great" survey link');
  const page = await retried(() => fetch(link));
  if (page === undefined) return { recorded: false, posts: 0 };
  const html = await page.text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
  const url = new URL(link);
  const form = new URLSearchParams({ t: hidden('t'), n: hidden('n'), a: 'great', comment: '' }).toString();
  let posts = 0;
  const confirm = () => {
    posts += 1;
    return fetch(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
  };
  const confirmed = await retried(confirm);
  if (doubleClick) await retried(confirm);
  return { recorded: confirmed !== undefined, posts };
}

async function retried(request: () => Promise<Response>): Promise<Response | undefined> {
  for (let attempt = 1; attempt <= VOTE_ATTEMPTS; attempt++) {
    const response = await request();
    if (response.ok) return response;
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
  return undefined;
}
