import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../config/zod-mini.ts';
import { FILE_LINK_PATH, type FileLinkQuery } from '../core/file-link.ts';
import type { SurveyProblem, VoteForm } from '../core/survey-vote.ts';

/**
 * The largest form taken: a full comment of multi-byte characters, percent-encoded, is about 12 KiB;
 * anything much bigger is not our page's form, and is refused before it is parsed.
 */
export const MAX_FORM_BYTES = 16 * 1024;

/** The `do` field of the thank-you page's form that asks for a supervisor (a vote's form has none). */
export const SUPERVISOR_REQUEST = 'supervisor';

/** The parts of a Lambda Function URL event (payload 2.0) the survey reads. */
const functionUrlEvent = z.object({
  rawPath: z.string(),
  queryStringParameters: z.optional(z.record(z.string(), z.optional(z.string()))),
  headers: z.optional(z.record(z.string(), z.optional(z.string()))),
  body: z.optional(z.string()),
  isBase64Encoded: z.optional(z.boolean()),
  requestContext: z.object({ http: z.object({ method: z.string() }) }),
});

export type SurveyRequest =
  | { readonly kind: 'view'; readonly path: string; readonly query: { readonly t?: string; readonly a?: string } }
  | { readonly kind: 'vote'; readonly path: string; readonly form: VoteForm }
  /** A signed download link opened (core/file-link.ts); `head` asks for the headers alone. */
  | { readonly kind: 'file'; readonly query: FileLinkQuery; readonly head: boolean }
  /** "I'd like a supervisor to contact me", confirmed from the thank-you page. */
  | { readonly kind: 'supervisor'; readonly path: string; readonly form: Pick<VoteForm, 't' | 'n'> }
  /** What browsers ask for on their own (the icon): no page, and nothing to log. */
  | { readonly kind: 'no-page' }
  | { readonly kind: 'refuse'; readonly problem: SurveyProblem };

/** Reads a Function URL event: a link opened (GET or HEAD) or a form confirmed (POST). */
export function readSurveyRequest(input: APIGatewayProxyEventV2 | unknown): SurveyRequest {
  const event = functionUrlEvent.parse(input);
  const path = event.rawPath || '/';
  if (path.endsWith('/favicon.ico')) return { kind: 'no-page' };
  const method = event.requestContext.http.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') {
    const query = event.queryStringParameters ?? {};
    if (path.endsWith(`/${FILE_LINK_PATH}`)) return { kind: 'file', query: fileQuery(query), head: method === 'HEAD' };
    return {
      kind: 'view',
      path,
      query: { ...(query.t === undefined ? {} : { t: query.t }), ...(query.a === undefined ? {} : { a: query.a }) },
    };
  }
  if (method !== 'POST') return { kind: 'refuse', problem: 'wrong-method' };
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType))
    return { kind: 'refuse', problem: 'not-a-form' };
  const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (body.length > MAX_FORM_BYTES) return { kind: 'refuse', problem: 'too-large' };
  const fields = new URLSearchParams(body.toString('utf8'));
  const field = (name: string) => fields.get(name) ?? undefined;
  const form: VoteForm = Object.fromEntries(
    (['t', 'n', 'a', 'comment'] as const).flatMap((name) => (field(name) === undefined ? [] : [[name, field(name)]])),
  );
  if (field('do') === SUPERVISOR_REQUEST) return { kind: 'supervisor', path, form };
  return { kind: 'vote', path, form };
}

/** The fields of a download link, each only when given. */
function fileQuery(query: Readonly<Record<string, string | undefined>>): FileLinkQuery {
  return Object.fromEntries(
    (['k', 'n', 'e', 's'] as const).flatMap((name) => (query[name] === undefined ? [] : [[name, query[name]]])),
  );
}
