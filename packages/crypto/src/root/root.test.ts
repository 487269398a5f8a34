import { describe, expect, it } from 'vitest';
import { KeyRing } from '../key-ring.js';
import { keyCheckValue } from './key-check-value.js';
import { signingSeed } from './signing-seed.js';

const secretA = 'dGVzdC1yb290LXNlY3JldC1vbmx5LWZvci12aXRlc3QtcnVucw';
const secretB = KeyRing.generateSecret();
const ring = (secret: string, currentVersion = 1) => KeyRing.fromBase64url(secret, { currentVersion });

describe('keyCheckValue', () => {
  it('is the same for the same secret at any key version, and differs for another secret', () => {
    expect(keyCheckValue(ring(secretA))).toBe(keyCheckValue(ring(secretA, 7)));
    expect(keyCheckValue(ring(secretA))).not.toBe(keyCheckValue(ring(secretB)));
    expect(keyCheckValue(ring(secretA))).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('is not a signing seed or any prefix of one', () => {
    const seed = signingSeed(ring(secretA), 'audit-checkpoint');
    expect(Buffer.from(keyCheckValue(ring(secretA)), 'base64url').equals(Buffer.from(seed.subarray(0, 16)))).toBe(false);
  });
});

describe('signingSeed', () => {
  it('is 32 bytes, stable per secret and label, separated by label', () => {
    const a = signingSeed(ring(secretA), 'audit-checkpoint');
    expect(a).toHaveLength(32);
    expect(signingSeed(ring(secretA, 3), 'audit-checkpoint')).toEqual(a);
    expect(signingSeed(ring(secretA), 'other-key')).not.toEqual(a);
    expect(signingSeed(ring(secretB), 'audit-checkpoint')).not.toEqual(a);
  });

  it('refuses a malformed label, and a ring never exists for a short secret', () => {
    expect(() => signingSeed(ring(secretA), 'Bad Label')).toThrow(TypeError);
    expect(() => ring('c2hvcnQ')).toThrow(/at least 32 bytes/);
  });
});
