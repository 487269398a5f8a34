import { describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import { envelopeKeyVersion } from '../field/key-version.js';
import { sealField } from '../field/seal.js';
import { KeyRing } from '../key-ring.js';
import { rewrapSecret } from './rewrap.js';
import { unwrapSecret } from './unwrap.js';
import { wrapSecret } from './wrap.js';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
const ring = new KeyRing(ROOT, { currentVersion: 1 });
const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof CryptoError ? err.code : 'other error';
  }
}

describe('wrapSecret / unwrapSecret', () => {
  it('round-trips, with and without aad', () => {
    const a = wrapSecret(ring, 'signing_key', SECRET, 'kid:2026-01');
    expect(a).toMatch(/^n2kw1\.1\.[A-Za-z0-9_-]+$/);
    expect(unwrapSecret(ring, 'signing_key', a, 'kid:2026-01')).toEqual(SECRET);
    const b = wrapSecret(ring, 'viewer_key', SECRET);
    expect(unwrapSecret(ring, 'viewer_key', b)).toEqual(SECRET);
  });

  it('binds the label and the aad', () => {
    const wrapped = wrapSecret(ring, 'viewer_key', SECRET, 'grant:G-1');
    expect(codeOf(() => unwrapSecret(ring, 'signing_key', wrapped, 'grant:G-1'))).toBe('ERR_ENVELOPE_AUTH');
    expect(codeOf(() => unwrapSecret(ring, 'viewer_key', wrapped, 'grant:G-2'))).toBe('ERR_ENVELOPE_AUTH');
    expect(codeOf(() => unwrapSecret(ring, 'viewer_key', wrapped))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('tells a missing aad from an empty one', () => {
    const none = wrapSecret(ring, 'viewer_key', SECRET);
    const empty = wrapSecret(ring, 'viewer_key', SECRET, '');
    expect(codeOf(() => unwrapSecret(ring, 'viewer_key', none, ''))).toBe('ERR_ENVELOPE_AUTH');
    expect(codeOf(() => unwrapSecret(ring, 'viewer_key', empty))).toBe('ERR_ENVELOPE_AUTH');
    expect(unwrapSecret(ring, 'viewer_key', empty, '')).toEqual(SECRET);
  });

  it('is separate from field sealing in both directions', () => {
    const field = sealField(ring, { owner: 'gw', recordType: 'key', recordId: 'k', field: 'f', fieldClass: 'signing_key' }, SECRET);
    expect(codeOf(() => unwrapSecret(ring, 'signing_key', field))).toBe('ERR_ENVELOPE_MALFORMED');
    expect(codeOf(() => unwrapSecret(ring, 'signing_key', field.replace(/^n2kf1/, 'n2kw1')))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('fails on every bit flip', () => {
    const wrapped = wrapSecret(ring, 'signing_key', SECRET);
    for (let i = 0; i < wrapped.length; i++) {
      for (let bit = 0; bit < 7; bit++) {
        const flipped = wrapped.slice(0, i) + String.fromCharCode(wrapped.charCodeAt(i) ^ (1 << bit)) + wrapped.slice(i + 1);
        expect(['ERR_ENVELOPE_AUTH', 'ERR_ENVELOPE_MALFORMED', 'ERR_KEY_VERSION_UNKNOWN']).toContain(codeOf(() => unwrapSecret(ring, 'signing_key', flipped)));
      }
    }
  });

  it('rotates: old versions unwrap, rewrapSecret moves them to the current one', () => {
    const v2 = new KeyRing(ROOT, { currentVersion: 2 });
    const old = wrapSecret(ring, 'signing_key', SECRET, 'kid:a');
    const moved = rewrapSecret(v2, 'signing_key', old, 'kid:a');
    expect(envelopeKeyVersion(moved)).toBe(2);
    expect(unwrapSecret(v2, 'signing_key', moved, 'kid:a')).toEqual(SECRET);
    expect(rewrapSecret(v2, 'signing_key', moved, 'kid:a')).toBe(moved);
    expect(codeOf(() => unwrapSecret(ring, 'signing_key', moved, 'kid:a'))).toBe('ERR_KEY_VERSION_UNKNOWN');
  });

  it('throws TypeError on misuse', () => {
    expect(() => wrapSecret(ring, 'Signing Key', SECRET)).toThrow(TypeError);
    expect(() => wrapSecret(ring, '', SECRET)).toThrow(TypeError);
    expect(() => wrapSecret(ring, 'signing_key', 'text' as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => wrapSecret(ring, 'signing_key', SECRET, 'x'.repeat(1025))).toThrow(TypeError);
    expect(() => unwrapSecret(ring, 'signing key', 'n2kw1.1.AAAA')).toThrow(TypeError);
  });
});
