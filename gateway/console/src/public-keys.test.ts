import { describe, expect, it } from 'vitest';
import { parsePublicKey, parsePublicKeys } from './public-keys.js';

// RFC 8037 appendix A.2: the public half of its Ed25519 example key.
const ED25519_PUBLIC = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
// RFC 8037 appendix A.1: the private key (with `d`).
const ED25519_PRIVATE = { ...ED25519_PUBLIC, d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' };

describe('public keys pasted or loaded from a file', () => {
  it('reads a JWK Set, one JWK, or an array of JWKs', () => {
    expect(parsePublicKeys(JSON.stringify({ keys: [ED25519_PUBLIC] }))).toEqual({ ok: true, keys: [ED25519_PUBLIC] });
    expect(parsePublicKeys(JSON.stringify(ED25519_PUBLIC))).toEqual({ ok: true, keys: [ED25519_PUBLIC] });
    expect(parsePublicKeys(JSON.stringify([ED25519_PUBLIC, { ...ED25519_PUBLIC, kid: 'b' }]))).toMatchObject({ ok: true, keys: [{}, { kid: 'b' }] });
  });

  it('refuses a private key, alone or in a set, so that it is never sent', () => {
    expect(parsePublicKeys(JSON.stringify(ED25519_PRIVATE))).toEqual({ ok: false, problem: 'private_key' });
    expect(parsePublicKeys(JSON.stringify({ keys: [ED25519_PUBLIC, ED25519_PRIVATE] }))).toEqual({ ok: false, problem: 'private_key' });
    expect(parsePublicKeys(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }))).toEqual({ ok: false, problem: 'private_key' });
  });

  it('says what is wrong with text that holds no key', () => {
    expect(parsePublicKeys('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parsePublicKeys('{"keys": [')).toEqual({ ok: false, problem: 'not_json' });
    expect(parsePublicKeys('{"hello": "world"}')).toEqual({ ok: false, problem: 'no_keys' });
    expect(parsePublicKeys('{"keys": []}')).toEqual({ ok: false, problem: 'no_keys' });
    expect(parsePublicKeys('[1, 2]')).toEqual({ ok: false, problem: 'no_keys' });
  });

  it('takes exactly one encryption key', () => {
    expect(parsePublicKey(JSON.stringify({ keys: [ED25519_PUBLIC] }))).toEqual({ ok: true, key: ED25519_PUBLIC });
    expect(parsePublicKey(JSON.stringify([ED25519_PUBLIC, ED25519_PUBLIC]))).toEqual({ ok: false, problem: 'one_key_only' });
  });
});
