/** `peekJwt`: reads a compact JWS for routing only; total, size-bounded, shape-checked. */
import fc from 'fast-check';
import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MAX_JWT_BYTES } from '../../platform/config.js';
import { peekJwt } from './jwt-shape.js';

const b64 = (value: unknown) => base64url.encode(new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)));

describe('peekJwt', () => {
  it('reads the header and claims of a signed JWT without verifying it', async () => {
    const key = new Uint8Array(32);
    const jwt = await new SignJWT({ sub: 'moh-tracer' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' }).sign(key);
    expect(peekJwt(jwt)).toEqual({ header: { alg: 'HS256', typ: 'JWT', kid: 'k1' }, claims: { sub: 'moh-tracer' } });
  });

  it.each([
    ['empty', ''],
    ['two parts', `${b64({ alg: 'EdDSA' })}.${b64({})}`],
    ['alg none (empty signature)', new UnsecuredJWT({ sub: 'x' }).encode()],
    ['four parts', `${b64({ alg: 'EdDSA' })}.${b64({})}.c2ln.c2ln`],
    ['JWE-like five parts', 'a.b.c.d.e'],
    ['padding', `${b64({ alg: 'EdDSA' })}.${b64({})}.c2ln==`],
    ['whitespace', `${b64({ alg: 'EdDSA' })}. ${b64({})}.c2ln`],
    ['a header that is not JSON', `${b64('not json')}.${b64({})}.c2ln`],
    ['a header that is a JSON array', `${b64([1])}.${b64({})}.c2ln`],
    ['claims that are not JSON', `${b64({ alg: 'EdDSA' })}.${b64('not json')}.c2ln`],
    ['claims that are a JSON string', `${b64({ alg: 'EdDSA' })}.${b64('"x"')}.c2ln`],
  ])('returns null for %s', (_label, jwt) => {
    expect(peekJwt(jwt)).toBeNull();
  });

  it(`returns null above ${MAX_JWT_BYTES} bytes, before decoding anything`, () => {
    const big = `${b64({ alg: 'EdDSA' })}.${b64({ pad: 'x'.repeat(MAX_JWT_BYTES) })}.c2ln`;
    expect(peekJwt(big)).toBeNull();
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => peekJwt(s)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on three base64url parts of arbitrary content, and returns objects or null', () => {
    const part = fc.oneof(fc.jsonValue().map(b64), fc.string({ minLength: 1 }).map(b64), fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/));
    fc.assert(
      fc.property(part, part, part, (h, p, s) => {
        const peek = peekJwt(`${h}.${p}.${s}`);
        if (peek !== null) {
          expect(typeof peek.header).toBe('object');
          expect(typeof peek.claims).toBe('object');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
