import { canonicalJson } from '@need2know/schema';

const encoder = new TextEncoder();

/**
 * The bytes a log entry is hashed as: UTF-8 of its canonical JSON (keys sorted at every level, no
 * whitespace, only safe integers). Equal entries always give equal bytes, so an auditor can
 * recompute every leaf hash from the exported JSON.
 *
 * The library is agnostic about what entries say. Keeping personal data out of them is the
 * caller's duty (DESIGN.md, "Audit, fail-closed"): identifiers go in as keyed hashes
 * (blind indexes, pseudonyms), never in plaintext, because an entry can never be removed.
 *
 * @throws TypeError for values canonical JSON cannot represent (non-integers, unsafe integers).
 */
export function canonicalEntryBytes(entry: unknown): Uint8Array {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new TypeError('canonicalEntryBytes: an entry is a JSON object');
  return encoder.encode(canonicalJson(entry));
}
