/** Property tests of the field envelope (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import { KeyRing } from '../key-ring.js';
import type { FieldContext } from '../types.js';
import { envelopeKeyVersion } from './key-version.js';
import { openFieldText } from './open-text.js';
import { openField } from './open.js';
import { rewrapField } from './rewrap.js';
import { sealField } from './seal.js';

const ring = new KeyRing(
  Uint8Array.from({ length: 48 }, (_, i) => i * 3),
  { currentVersion: 2 },
);
const khmer = fc.string({ unit: fc.integer({ min: 0x1780, max: 0x17ff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }), khmer);
const id = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const context: fc.Arbitrary<FieldContext> = fc.record({
  owner: id,
  recordType: id,
  recordId: id,
  field: id,
  fieldClass: fc.stringMatching(/^[a-z_]{1,32}$/),
});

describe('field envelope properties', () => {
  it('round-trips any text (including Khmer) in any context', () => {
    fc.assert(
      fc.property(context, text, (ctx, s) => {
        expect(openFieldText(ring, ctx, sealField(ring, ctx, s))).toBe(s);
      }),
    );
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(context, fc.uint8Array({ maxLength: 300 }), (ctx, bytes) => {
        expect(openField(ring, ctx, sealField(ring, ctx, bytes))).toEqual(bytes);
      }),
    );
  });

  it('opens only in the context it was sealed in', () => {
    fc.assert(
      fc.property(context, context, text, (a, b, s) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(() => openField(ring, b, sealField(ring, a, s))).toThrow(CryptoError);
      }),
    );
  });

  it('never fails on arbitrary envelope strings with anything but a CryptoError', () => {
    const valid = sealField(ring, { owner: 'o', recordType: 't', recordId: 'r', field: 'f', fieldClass: 'c' }, 'value');
    const envelopes = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ unit: 'binary-ascii', maxLength: 120 }),
      fc
        .tuple(
          fc.constantFrom('n2kf1', 'n2kw1', 'n2k1', ''),
          fc.string({ maxLength: 12 }),
          fc.string({ unit: fc.constantFrom(...'AZaz09-_.='.split('')), maxLength: 100 }),
        )
        .map(([t, v, p]) => `${t}.${v}.${p}`),
      fc.tuple(fc.nat({ max: valid.length }), fc.string({ maxLength: 3 })).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i + s.length)),
    );
    const ctx = { owner: 'o', recordType: 't', recordId: 'r', field: 'f', fieldClass: 'c' };
    fc.assert(
      fc.property(envelopes, (e) => {
        for (const op of [() => openField(ring, ctx, e), () => openFieldText(ring, ctx, e), () => envelopeKeyVersion(e), () => rewrapField(ring, ctx, e)]) {
          try {
            op();
          } catch (err) {
            expect(err).toBeInstanceOf(CryptoError);
          }
        }
      }),
    );
  });
});
