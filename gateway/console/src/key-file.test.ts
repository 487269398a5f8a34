import { describe, expect, it } from 'vitest';
import { KeyFileError, OFFICER_KEY_FORMAT, parseOfficerKeyFile } from './key-file.js';

// A syntactically valid Ed25519 JWK (RFC 8037 §A.1 test key), not a credential of any gateway.
const JWK = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', kid: 'k1' };
const file = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ format: OFFICER_KEY_FORMAT, client_id: 'po-sophea', name: 'Sophea Chan', issuer: 'http://127.0.0.1:8787/', signing_jwk: JWK, ...over });

describe('officer key file', () => {
  it('reads who the officer is, their gateway and their private key', () => {
    expect(parseOfficerKeyFile(file())).toEqual({ clientId: 'po-sophea', name: 'Sophea Chan', issuer: 'http://127.0.0.1:8787', signingJwk: JWK });
  });

  it('refuses anything else, saying why without echoing the key', () => {
    const cases: [string, string][] = [
      ['not json', 'not JSON'],
      [file({ format: 'other' }), 'unknown format'],
      [file({ client_id: 'PO Sophea' }), 'client_id missing or malformed'],
      [file({ signing_jwk: { ...JWK, d: undefined } }), 'signing_jwk.d missing'],
      [file({ signing_jwk: { kty: 'oct', k: 'c2VjcmV0' } }), 'signing_jwk must be an Ed25519 or P-256 key'],
      [file({ issuer: 'javascript:alert(1)' }), 'issuer malformed'],
      ['x'.repeat(20_000), 'too large'],
    ];
    for (const [text, reason] of cases) {
      const err = (() => {
        try {
          parseOfficerKeyFile(text);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(KeyFileError);
      expect((err as KeyFileError).reason).toBe(reason);
      expect((err as Error).message).not.toContain(JWK.d);
    }
  });
});
