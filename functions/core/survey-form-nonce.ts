import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The nonce in a survey page's form. Opening a link (GET) mints one; confirming (POST) must bring
 * it back. It is an HMAC over the survey token, the mint time and 128 random bits, so it works
 * only with the link it was minted for and only for a day, and its random part names the one vote
 * it may record: the store refuses a second vote with the same id (a replayed form).
 *
 * Nonce: `<minted, epoch seconds base 36>.<id>.<mac>`.
 */
export type FormNonceCheck =
  | { readonly valid: true; readonly id: string; readonly expiresAt: Date }
  | { readonly valid: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

/** A form left open longer than a day is stale: opening the link again is cheap, a stale vote is not. */
export const FORM_NONCE_HOURS = 24;
/** 128 random bits in base64url: no two forms ever share an id. */
const ID_BYTES = 16;
/** 128 bits of HMAC-SHA256 in base64url, as in the survey token. */
const MAC_CHARS = 22;
const NONCE = /^([0-9a-z]{1,9})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;
/** The function that minted the form and the one that takes the vote may see clocks a little apart. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Mints a nonce for a form of the survey page opened with `surveyToken`. */
export function createFormNonce(
  secret: string,
  surveyToken: string,
  now: Date,
  id = randomBytes(ID_BYTES).toString('base64url'),
): string {
  const minted = Math.floor(now.getTime() / 1000).toString(36);
  return `${minted}.${id}.${mac(secret, surveyToken, minted, id)}`;
}

/** Checks a posted nonce against the survey token posted with it. */
export function verifyFormNonce(secret: string, surveyToken: string, nonce: string, now: Date): FormNonceCheck {
  const match = NONCE.exec(nonce);
  if (match === null) return { valid: false, reason: 'malformed' };
  const [, minted, id, given] = match as unknown as [string, string, string, string];
  if (!timingSafeEqual(Buffer.from(mac(secret, surveyToken, minted, id)), Buffer.from(given)))
    return { valid: false, reason: 'bad-signature' };
  const mintedAt = parseInt(minted, 36) * 1000;
  const expiresAt = new Date(mintedAt + FORM_NONCE_HOURS * 3_600_000);
  if (now.getTime() < mintedAt - CLOCK_SKEW_MS || now >= expiresAt) return { valid: false, reason: 'expired' };
  return { valid: true, id, expiresAt };
}

function mac(secret: string, surveyToken: string, minted: string, id: string): string {
  return createHmac('sha256', secret)
    .update(`survey-form|v1|${surveyToken}|${minted}|${id}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);
}
