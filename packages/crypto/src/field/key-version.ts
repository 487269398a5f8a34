import { parseEnvelope } from '../lib/envelope.js';
import { FIELD_TAG, WRAP_TAG } from '../lib/labels.js';

const TAGS = [FIELD_TAG, WRAP_TAG];

/**
 * The key version a field envelope or wrapped secret names, read without a key. Use it to find
 * what a re-wrap pass still has to move (`envelopeKeyVersion(e) < ring.currentVersion`).
 *
 * Security guidance: the number is not authenticated until the envelope is opened; use it to
 * schedule work, never to decide access.
 *
 * @throws CryptoError `ERR_ENVELOPE_MALFORMED` when the string is not an envelope.
 */
export function envelopeKeyVersion(envelope: string): number {
  return parseEnvelope(envelope, TAGS).version;
}
