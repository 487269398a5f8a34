/** `readOAuthForm`: RFC 6749 §3.2 form bodies — one content type, no repeated parameters, bounded size. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OAUTH_BODY_BYTES } from '../../platform/config.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import { readLimited, readOAuthForm } from './form.js';

const FORM = 'application/x-www-form-urlencoded';
const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': FORM }) =>
  new Request('https://gateway.test/oauth/token', { method: 'POST', headers, body });

async function refusal(request: Request): Promise<OAuthError> {
  const err = await readOAuthForm(request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OAuthError);
  return err as OAuthError;
}

/** A body stream that never says how long it is (no content-length to trust). */
function stream(bytes: Uint8Array, chunk = 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

describe('readOAuthForm', () => {
  it('reads parameters, with a charset parameter on the content type', async () => {
    const form = await readOAuthForm(post('grant_type=client_credentials&scope=admin', { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' }));
    expect([...form]).toEqual([
      ['grant_type', 'client_credentials'],
      ['scope', 'admin'],
    ]);
  });

  it.each([
    ['JSON', { 'content-type': 'application/json' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['text', { 'content-type': 'text/plain' }],
    ['no content type', {} as Record<string, string>],
  ])('refuses %s with invalid_request', async (_label, headers) => {
    const err = await refusal(post('grant_type=client_credentials', headers));
    expect(err.code).toBe('invalid_request');
    expect(err.status).toBe(400);
  });

  it('refuses a repeated parameter, even with equal values or an empty one', async () => {
    for (const body of ['scope=admin&scope=admin', 'a=1&grant_type=x&grant_type=', 'client_assertion=a&client_assertion=b']) {
      expect((await refusal(post(body))).code).toBe('invalid_request');
    }
  });

  it('refuses a body over the limit, whether declared or streamed', async () => {
    const big = `grant_type=client_credentials&pad=${'x'.repeat(MAX_OAUTH_BODY_BYTES)}`;
    expect((await refusal(post(big))).reason).toBe('body too large');
    expect((await refusal(post(stream(new TextEncoder().encode(big))))).reason).toBe('body too large');
    expect((await refusal(post('a=1', { 'content-type': FORM, 'content-length': String(MAX_OAUTH_BODY_BYTES + 1) }))).reason).toBe('body too large');
  });

  it('accepts a body of exactly the limit', async () => {
    const exact = `a=${'x'.repeat(MAX_OAUTH_BODY_BYTES - 2)}`;
    expect((await readOAuthForm(post(stream(new TextEncoder().encode(exact))))).get('a')).toHaveLength(MAX_OAUTH_BODY_BYTES - 2);
  });

  it('refuses a body that is not UTF-8', async () => {
    expect((await refusal(post(new Uint8Array([0x61, 0x3d, 0xff, 0xfe])))).reason).toBe('body is not UTF-8');
  });

  it('never names a parameter value in its reason', async () => {
    const err = await refusal(post('client_assertion=SECRET-ASSERTION&client_assertion=SECRET-ASSERTION'));
    expect(err.reason).not.toContain('SECRET');
    expect(JSON.stringify(await err.toResponse().json())).not.toContain('SECRET');
  });
});

describe('readOAuthForm properties', () => {
  const keyArb = fc.string({ minLength: 1, maxLength: 12 });
  it('round-trips any set of distinct parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(keyArb, fc.string({ maxLength: 40 })), { selector: ([k]) => k, maxLength: 8 }), async (pairs) => {
        const form = await readOAuthForm(post(new URLSearchParams(pairs).toString()));
        expect([...form]).toEqual(pairs);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any form in which some parameter appears twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(keyArb, fc.string({ maxLength: 20 })), { maxLength: 6 }),
        keyArb,
        fc.string(),
        fc.string(),
        async (pairs, dup, v1, v2) => {
          const params = new URLSearchParams([...pairs, [dup, v1], [dup, v2]]);
          expect((await refusal(post(params.toString()))).code).toBe('invalid_request');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readLimited', () => {
  it('returns an empty body for no body, and null one byte over the limit', async () => {
    expect(await readLimited(new Request('https://gateway.test/', { method: 'POST' }), 10)).toEqual(new Uint8Array(0));
    expect(await readLimited(post(stream(new Uint8Array(11), 3)), 10)).toBeNull();
    expect(await readLimited(post(stream(new Uint8Array(10), 3)), 10)).toHaveLength(10);
  });
});
