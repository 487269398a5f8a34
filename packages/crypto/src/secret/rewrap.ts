import type { KeyRing } from '../key-ring.js';
import { parseEnvelope } from '../lib/envelope.js';
import { WRAP_TAG } from '../lib/labels.js';
import { unwrapSecret } from './unwrap.js';
import { wrapSecret } from './wrap.js';

const TAGS = [WRAP_TAG];

/**
 * Moves a wrapped secret to the ring's current key version, like `rewrapField` does for fields:
 * verified even when already current, and then returned unchanged.
 *
 * @throws CryptoError as {@link unwrapSecret}.
 */
export function rewrapSecret(ring: KeyRing, label: string, envelope: string, aad?: string): string {
  const secret = unwrapSecret(ring, label, envelope, aad);
  try {
    if (parseEnvelope(envelope, TAGS).version === ring.currentVersion) return envelope;
    return wrapSecret(ring, label, secret, aad);
  } finally {
    secret.fill(0);
  }
}
