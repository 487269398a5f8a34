/** DPoP (RFC 9449) building blocks: `htu` normalisation, header splitting, and proof freshness. */
import fc from 'fast-check';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DPOP_MAX_AGE, DPOP_MAX_SKEW } from '../../platform/config.js';
import { dpopHeaderValues, DpopError, htuOf, verifyDpopProof } from './dpop.js';

describe('htuOf', () => {
  it.each([
    ['https://gateway.test/oauth/token', 'https://gateway.test/oauth/token'],
    ['https://Gateway.TEST/oauth/token?x=1#frag', 'https://gateway.test/oauth/token'],
    ['HTTPS://gateway.test:443/v1/session', 'https://gateway.test/v1/session'],
    ['http://127.0.0.1:80/a', 'http://127.0.0.1/a'],
    ['http://127.0.0.1:8787/a', 'http://127.0.0.1:8787/a'],
    ['https://gateway.test', 'https://gateway.test/'],
  ])('%s → %s', (url, htu) => expect(htuOf(url)).toBe(htu));

  it.each(['', '/oauth/token', 'gateway.test/oauth/token', 'https://', 'not a url'])('returns null for %j', (url) => expect(htuOf(url)).toBeNull());

  it('never throws, and ignores query and fragment', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => htuOf(s)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), fc.webQueryParameters(), fc.webFragments(), (url, q, f) => {
        const htu = htuOf(url);
        expect(htu).not.toBeNull();
        expect(htuOf(`${url}?${q}#${f}`)).toBe(htu);
        expect(htuOf(htu as string)).toBe(htu);
        expect(htu).not.toMatch(/[?#]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dpopHeaderValues', () => {
  it('returns none, one, or every repeated value', () => {
    expect(dpopHeaderValues(new Headers())).toEqual([]);
    expect(dpopHeaderValues(new Headers({ dpop: 'a.b.c' }))).toEqual(['a.b.c']);
    const twice = new Headers();
    twice.append('dpop', 'a.b.c');
    twice.append('DPoP', 'd.e.f');
    expect(dpopHeaderValues(twice)).toEqual(['a.b.c', 'd.e.f']);
  });
});

describe('verifyDpopProof', () => {
  const URL_ = 'https://gateway.test/oauth/token';
  const NOW = 1_800_000_000;

  async function proofAt(iat: number, claims: Record<string, unknown> = {}) {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = await exportJWK(publicKey);
    const proof = await new SignJWT({ htm: 'POST', htu: URL_, jti: crypto.randomUUID(), iat, ...claims })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'dpop+jwt', jwk })
      .sign(privateKey);
    return { proof, jkt: await calculateJwkThumbprint(jwk) };
  }

  it('returns the key thumbprint, the jti, and how long to remember it', async () => {
    const { proof, jkt } = await proofAt(NOW);
    const verified = await verifyDpopProof([proof], { method: 'POST', url: URL_ }, NOW);
    expect(verified.jkt).toBe(jkt);
    expect(verified.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verified.replayUntil).toBe(NOW + DPOP_MAX_AGE + DPOP_MAX_SKEW);
  });

  it(`accepts iat exactly within [now − ${DPOP_MAX_AGE}, now + ${DPOP_MAX_SKEW}]`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -3 * DPOP_MAX_AGE, max: 3 * DPOP_MAX_SKEW + 60 }), async (offset) => {
        const { proof } = await proofAt(NOW + offset);
        const accepted = await verifyDpopProof([proof], { method: 'POST', url: URL_ }, NOW).then(
          () => true,
          (err: unknown) => {
            expect(err).toBeInstanceOf(DpopError);
            return false;
          },
        );
        expect(accepted).toBe(offset >= -DPOP_MAX_AGE && offset <= DPOP_MAX_SKEW);
      }),
      { numRuns: 60 },
    );
  });

  it('compares htm exactly and htu after normalisation', async () => {
    const { proof } = await proofAt(NOW, { htm: 'post' });
    await expect(verifyDpopProof([proof], { method: 'POST', url: URL_ }, NOW)).rejects.toBeInstanceOf(DpopError);
    const { proof: p2 } = await proofAt(NOW, { htu: 'https://GATEWAY.test:443/oauth/token' });
    await expect(verifyDpopProof([p2], { method: 'POST', url: URL_ }, NOW)).resolves.toMatchObject({ jti: expect.any(String) });
    const { proof: p3 } = await proofAt(NOW, { htu: 'https://gateway.test/oauth/token/' });
    await expect(verifyDpopProof([p3], { method: 'POST', url: URL_ }, NOW)).rejects.toBeInstanceOf(DpopError);
  });

  it('refuses a jti too short to be unique, and a missing iat', async () => {
    const { proof } = await proofAt(NOW, { jti: 'abc' });
    await expect(verifyDpopProof([proof], { method: 'POST', url: URL_ }, NOW)).rejects.toBeInstanceOf(DpopError);
    const { proof: p2 } = await proofAt(NOW, { iat: undefined });
    await expect(verifyDpopProof([p2], { method: 'POST', url: URL_ }, NOW)).rejects.toBeInstanceOf(DpopError);
  });

  it('with an access token, requires ath and the bound key', async () => {
    const { proof, jkt } = await proofAt(NOW, { ath: 'wrong' });
    await expect(verifyDpopProof([proof], { method: 'POST', url: URL_ }, NOW, { accessToken: 'tok', expectedJkt: jkt })).rejects.toBeInstanceOf(DpopError);
  });
});
