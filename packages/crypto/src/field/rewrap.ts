import type { KeyRing } from '../key-ring.js';
import type { FieldContext } from '../types.js';
import { openField } from './open.js';
import { sealField } from './seal.js';
import { parseEnvelope } from '../lib/envelope.js';
import { FIELD_TAG } from '../lib/labels.js';

const TAGS = [FIELD_TAG];

/**
 * Moves a field envelope to the ring's current key version: opens it under the version it names
 * and seals the plaintext again under the current one, for the same context.
 *
 * An envelope already at the current version is still opened (so a re-wrap pass doubles as an
 * integrity scan) and then returned unchanged, which keeps the pass idempotent and lets the caller
 * skip the write when `result === envelope`.
 *
 * @throws CryptoError as {@link openField}.
 *
 * @example
 * ```ts
 * const next = rewrapField(ring, ctx, row.phone);
 * if (next !== row.phone) await db.prepare('UPDATE … SET phone = ?').bind(next).run();
 * ```
 */
export function rewrapField(ring: KeyRing, ctx: FieldContext, envelope: string): string {
  const plaintext = openField(ring, ctx, envelope);
  try {
    if (parseEnvelope(envelope, TAGS).version === ring.currentVersion) return envelope;
    return sealField(ring, ctx, plaintext);
  } finally {
    plaintext.fill(0);
  }
}
