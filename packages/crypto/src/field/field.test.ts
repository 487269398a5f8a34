import { describe, expect, it } from 'vitest';
import { CryptoError, type CryptoErrorCode } from '../errors.js';
import { KeyRing } from '../key-ring.js';
import type { FieldContext } from '../types.js';
import { envelopeKeyVersion } from './key-version.js';
import { openFieldText } from './open-text.js';
import { openField } from './open.js';
import { rewrapField } from './rewrap.js';
import { sealField } from './seal.js';
import { wrapSecret } from '../secret/wrap.js';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => i);
const ringAt = (currentVersion: number, oldestVersion?: number) =>
  new KeyRing(ROOT, oldestVersion === undefined ? { currentVersion } : { currentVersion, oldestVersion });
const ring = ringAt(1);
const ctx: FieldContext = { owner: 'police', recordType: 'person', recordId: 'P-000001', field: 'phone', fieldClass: 'contact' };
const PHONE = '+85512345678';

function codeOf(fn: () => unknown): CryptoErrorCode | 'no error' | 'other error' {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof CryptoError ? err.code : 'other error';
  }
}

describe('sealField / openField', () => {
  it('round-trips strings and bytes', () => {
    expect(openFieldText(ring, ctx, sealField(ring, ctx, PHONE))).toBe(PHONE);
    const bytes = Uint8Array.from([0, 1, 2, 255]);
    expect(openField(ring, ctx, sealField(ring, ctx, bytes))).toEqual(bytes);
    expect(openFieldText(ring, ctx, sealField(ring, ctx, ''))).toBe('');
  });

  it('writes a compact ASCII envelope: n2kf1.<version>.<base64url>', () => {
    const envelope = sealField(ring, ctx, PHONE);
    expect(envelope).toMatch(/^n2kf1\.1\.[A-Za-z0-9_-]+$/);
    // 24-byte nonce + 12 bytes + 16-byte tag = 52 bytes = 70 base64url characters.
    expect(envelope.length).toBe('n2kf1.1.'.length + 70);
  });

  it('uses a fresh nonce: sealing the same value twice gives different envelopes', () => {
    const a = sealField(ring, ctx, PHONE);
    const b = sealField(ring, ctx, PHONE);
    expect(a).not.toBe(b);
    expect(a.slice(8, 40)).not.toBe(b.slice(8, 40)); // the nonce is the first 32 payload characters
  });

  it('fails on every single-bit flip of any character of the envelope', () => {
    const envelope = sealField(ring, ctx, PHONE);
    const seen = new Set<string>();
    for (let i = 0; i < envelope.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = envelope.slice(0, i) + String.fromCharCode(envelope.charCodeAt(i) ^ (1 << bit)) + envelope.slice(i + 1);
        const code = codeOf(() => openField(ring, ctx, flipped));
        seen.add(code);
        // A flipped version digit names a version this ring does not hold; everything else is
        // either not an envelope any more or does not authenticate.
        expect(['ERR_ENVELOPE_AUTH', 'ERR_ENVELOPE_MALFORMED', 'ERR_KEY_VERSION_UNKNOWN']).toContain(code);
      }
    }
    expect(seen).toContain('ERR_ENVELOPE_AUTH');
  });

  it('fails with ERR_ENVELOPE_AUTH on every bit flip of the decoded payload', () => {
    const envelope = sealField(ring, ctx, 'x');
    const payload = decode(envelope.slice('n2kf1.1.'.length));
    for (let i = 0; i < payload.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const copy = payload.slice();
        copy[i] = (copy[i] as number) ^ (1 << bit);
        expect(codeOf(() => openField(ring, ctx, `n2kf1.1.${encode(copy)}`))).toBe('ERR_ENVELOPE_AUTH');
      }
    }
  });

  it('fails when truncated or extended', () => {
    const envelope = sealField(ring, ctx, PHONE);
    for (let n = 0; n < envelope.length; n++) {
      expect(['ERR_ENVELOPE_AUTH', 'ERR_ENVELOPE_MALFORMED']).toContain(codeOf(() => openField(ring, ctx, envelope.slice(0, n))));
    }
    for (const extra of ['A', 'AA', 'AAA', 'AAAA', '.', '=']) {
      expect(['ERR_ENVELOPE_AUTH', 'ERR_ENVELOPE_MALFORMED']).toContain(codeOf(() => openField(ring, ctx, envelope + extra)));
    }
  });

  it.each([
    ['record id', { recordId: 'P-000002' }],
    ['field', { field: 'national_id' }],
    ['owner', { owner: 'health' }],
    ['record type', { recordType: 'health_case' }],
    ['field class', { fieldClass: 'identity' }],
  ] as const)('refuses an envelope moved to another %s', (_, change) => {
    const envelope = sealField(ring, ctx, PHONE);
    expect(codeOf(() => openField(ring, { ...ctx, ...change }, envelope))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('encodes the context unambiguously: shifting characters between members fails', () => {
    const a = { ...ctx, owner: 'police', recordType: 'person' };
    const b = { ...ctx, owner: 'policep', recordType: 'erson' };
    expect(codeOf(() => openField(ring, b, sealField(ring, a, PHONE)))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('refuses an envelope relabelled to another key version', () => {
    const v2 = ringAt(2);
    const envelope = sealField(v2, ctx, PHONE);
    expect(envelope.startsWith('n2kf1.2.')).toBe(true);
    expect(codeOf(() => openField(v2, ctx, envelope.replace('n2kf1.2.', 'n2kf1.1.')))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('refuses versions the ring does not accept', () => {
    const envelope = sealField(ringAt(3), ctx, PHONE);
    expect(codeOf(() => openField(ringAt(2), ctx, envelope))).toBe('ERR_KEY_VERSION_UNKNOWN');
    const old = sealField(ringAt(1), ctx, PHONE);
    expect(codeOf(() => openField(ringAt(3, 2), ctx, old))).toBe('ERR_KEY_VERSION_UNKNOWN');
    expect(codeOf(() => openField(ring, ctx, `n2kf1.4294967296.${old.slice(8)}`))).toBe('ERR_ENVELOPE_MALFORMED');
    expect(codeOf(() => openField(ring, ctx, `n2kf1.01.${old.slice(8)}`))).toBe('ERR_ENVELOPE_MALFORMED');
  });

  it('does not open under another root secret', () => {
    const other = new KeyRing(new Uint8Array(32).fill(7), { currentVersion: 1 });
    expect(codeOf(() => openField(other, ctx, sealField(ring, ctx, PHONE)))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('refuses a wrapped secret as a field, even with the tag rewritten', () => {
    const wrapped = wrapSecret(ring, 'contact', new TextEncoder().encode(PHONE));
    expect(codeOf(() => openField(ring, ctx, wrapped))).toBe('ERR_ENVELOPE_MALFORMED');
    expect(codeOf(() => openField(ring, ctx, wrapped.replace(/^n2kw1/, 'n2kf1')))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('keeps the plaintext and keys out of error messages', () => {
    const envelope = sealField(ring, ctx, PHONE);
    try {
      openField(ring, { ...ctx, recordId: 'P-000002' }, envelope);
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain('85512345678');
      expect(String(err)).not.toContain('P-00000');
      expect(String(err)).not.toContain(envelope.slice(8, 20));
    }
  });

  it('reports binary plaintext opened as text with ERR_PLAINTEXT_NOT_TEXT', () => {
    const envelope = sealField(ring, ctx, Uint8Array.from([0xff, 0xfe]));
    expect(codeOf(() => openFieldText(ring, ctx, envelope))).toBe('ERR_PLAINTEXT_NOT_TEXT');
  });

  it('keeps a leading byte-order mark', () => {
    expect(openFieldText(ring, ctx, sealField(ring, ctx, '\ufeffសុខ'))).toBe('\ufeffសុខ');
  });

  it('throws TypeError on misuse', () => {
    expect(() => sealField(ring, { ...ctx, fieldClass: 'Contact' }, PHONE)).toThrow(TypeError);
    expect(() => sealField(ring, { ...ctx, recordId: '' }, PHONE)).toThrow(TypeError);
    expect(() => sealField(ring, { ...ctx, field: 'x'.repeat(256) }, PHONE)).toThrow(TypeError);
    expect(() => sealField(ring, { ...ctx, owner: 'police\ud800' }, PHONE)).toThrow(TypeError);
    expect(() => sealField(ring, ctx, 'lone \udc00 surrogate')).toThrow(TypeError);
    expect(() => sealField(ring, ctx, 42 as unknown as string)).toThrow(TypeError);
    expect(() => sealField({ currentVersion: 1 } as KeyRing, ctx, PHONE)).toThrow(TypeError);
    expect(() => openField(ring, ctx, null as unknown as string)).toThrow(TypeError);
  });
});

describe('rotation and re-wrap', () => {
  it('seals at v1, opens after raising to v2, and rewrapField moves the envelope to v2', () => {
    const v1 = ringAt(1);
    const v2 = ringAt(2);
    const old = sealField(v1, ctx, PHONE);
    expect(envelopeKeyVersion(old)).toBe(1);
    expect(openFieldText(v2, ctx, old)).toBe(PHONE);

    const moved = rewrapField(v2, ctx, old);
    expect(envelopeKeyVersion(moved)).toBe(2);
    expect(openFieldText(v2, ctx, moved)).toBe(PHONE);
    expect(codeOf(() => openField(v1, ctx, moved))).toBe('ERR_KEY_VERSION_UNKNOWN');

    // Once every envelope has moved, v1 can be retired.
    expect(openFieldText(ringAt(2, 2), ctx, moved)).toBe(PHONE);
    expect(codeOf(() => openField(ringAt(2, 2), ctx, old))).toBe('ERR_KEY_VERSION_UNKNOWN');
  });

  it('returns a current envelope unchanged, but still verifies it', () => {
    const current = sealField(ring, ctx, PHONE);
    expect(rewrapField(ring, ctx, current)).toBe(current);
    const tampered = `${current.slice(0, -2)}${current.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(['ERR_ENVELOPE_AUTH', 'ERR_ENVELOPE_MALFORMED']).toContain(codeOf(() => rewrapField(ring, ctx, tampered)));
  });

  it('refuses to rewrap into another context', () => {
    const old = sealField(ringAt(1), ctx, PHONE);
    expect(codeOf(() => rewrapField(ringAt(2), { ...ctx, recordId: 'P-000002' }, old))).toBe('ERR_ENVELOPE_AUTH');
  });

  it('envelopeKeyVersion reads field and wrapped-secret envelopes, and rejects anything else', () => {
    expect(envelopeKeyVersion(sealField(ringAt(7), ctx, PHONE))).toBe(7);
    expect(envelopeKeyVersion(wrapSecret(ringAt(5), 'signing_key', new Uint8Array(32)))).toBe(5);
    expect(codeOf(() => envelopeKeyVersion('n2kf1.1.'))).toBe('ERR_ENVELOPE_MALFORMED');
    expect(codeOf(() => envelopeKeyVersion('hello'))).toBe('ERR_ENVELOPE_MALFORMED');
  });
});

// Independent base64url helpers for the tests (the package's own codec is tested separately).
function decode(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
function encode(b: Uint8Array): string {
  return btoa(String.fromCharCode(...b))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
