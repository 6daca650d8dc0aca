import { describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES, readSurveyRequest } from '../../functions/survey/survey-request.ts';

/** A Lambda Function URL event (payload 2.0), as much of it as a test needs. */
function functionUrlEvent(
  method: string,
  options: {
    path?: string;
    query?: Record<string, string>;
    body?: string;
    base64?: boolean;
    contentType?: string;
  } = {},
) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path ?? '/',
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: {
      host: 'abc.lambda-url.eu-west-1.on.aws',
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
    },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    requestContext: {
      http: { method, path: options.path ?? '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
    },
    ...(options.body === undefined
      ? {}
      : {
          body: options.base64 ? Buffer.from(options.body).toString('base64') : options.body,
          isBase64Encoded: options.base64 ?? false,
        }),
  };
}
const FORM = 'application/x-www-form-urlencoded';

describe('reading a survey request', () => {
  it('takes the thank-you page\'s "I\'d like a supervisor to contact me" form as a supervisor request', () => {
    // Act
    const request = readSurveyRequest(
      functionUrlEvent('POST', { path: '/survey', body: 't=tok&n=non&do=supervisor', base64: true, contentType: FORM }),
    );

    // Assess
    expect(request).toEqual({ kind: 'supervisor', path: '/survey', form: { t: 'tok', n: 'non' } });
  });

  it('takes a GET (and a HEAD) as opening the link, with its token and answer', () => {
    expect(readSurveyRequest(functionUrlEvent('GET', { query: { t: 'tok', a: 'great', utm: 'x' } }))).toEqual({
      kind: 'view',
      path: '/',
      query: { t: 'tok', a: 'great' },
    });
    expect(readSurveyRequest(functionUrlEvent('HEAD', { path: '/survey' }))).toEqual({
      kind: 'view',
      path: '/survey',
      query: {},
    });
  });

  it('reads a posted form, base64-encoded or not, in UTF-8', () => {
    // Prepare
    const body = 't=tok&n=non&a=not-good&comment=S%C3%A9rgio+was+great%21&extra=ignored';

    // Act
    const plain = readSurveyRequest(functionUrlEvent('POST', { body, contentType: FORM }));
    const encoded = readSurveyRequest(
      functionUrlEvent('POST', { body, base64: true, contentType: `${FORM}; charset=UTF-8` }),
    );

    // Assess
    expect(plain).toEqual({
      kind: 'vote',
      path: '/',
      form: { t: 'tok', n: 'non', a: 'not-good', comment: 'Sérgio was great!' },
    });
    expect(encoded).toEqual(plain);
  });

  it('leaves out fields a form does not have', () => {
    expect(readSurveyRequest(functionUrlEvent('POST', { body: 't=tok', contentType: FORM }))).toEqual({
      kind: 'vote',
      path: '/',
      form: { t: 'tok' },
    });
  });

  it('refuses other methods, other content types and oversized bodies', () => {
    expect(readSurveyRequest(functionUrlEvent('PUT', { body: 'a=great', contentType: FORM }))).toEqual({
      kind: 'refuse',
      problem: 'wrong-method',
    });
    expect(readSurveyRequest(functionUrlEvent('DELETE'))).toEqual({ kind: 'refuse', problem: 'wrong-method' });
    expect(
      readSurveyRequest(functionUrlEvent('POST', { body: '{"a":"great"}', contentType: 'application/json' })),
    ).toEqual({ kind: 'refuse', problem: 'not-a-form' });
    expect(readSurveyRequest(functionUrlEvent('POST', { body: 'a=great' }))).toEqual({
      kind: 'refuse',
      problem: 'not-a-form',
    });
    const huge = `t=tok&a=great&comment=${'x'.repeat(MAX_FORM_BYTES)}`;
    expect(readSurveyRequest(functionUrlEvent('POST', { body: huge, base64: true, contentType: FORM }))).toEqual({
      kind: 'refuse',
      problem: 'too-large',
    });
  });

  it("answers the browser's own icon request with no page", () => {
    expect(readSurveyRequest(functionUrlEvent('GET', { path: '/favicon.ico' }))).toEqual({ kind: 'no-page' });
  });

  it('throws on something that is not a Function URL event, which the handler answers with its 500 page', () => {
    expect(() => readSurveyRequest({ Records: [] })).toThrow();
  });
});
