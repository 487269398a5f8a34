import { BLIND_INDEX_BYTES, MAX_BLIND_INDEX_VALUES, MAX_BLIND_INDEX_VALUE_BYTES } from '../constants.js';
import type { KeyRing } from '../key-ring.js';
import { encodeBase64url } from '../encoding/base64url.js';
import { lengthPrefixed } from '../lib/bytes.js';
import { indexMac } from '../lib/key-state.js';
import { identifierBytes } from '../lib/validate.js';
import type { BlindIndexScope } from '../types.js';

/**
 * Blind index of a search's values, for equality search over sealed fields:
 * `base64url(HMAC-SHA256(K, lengthPrefixed(values))[0..BLIND_INDEX_BYTES])`, where K is derived for
 * (`recordType`, `search`, ring.indexVersion).
 *
 * Compute it on ingest from the same values that are sealed, and again from the search terms at
 * query time; rows whose index matches are candidates, and the gateway must open each candidate
 * and compare the plaintext, because a 32-bit tag has rare false positives (see BLIND-INDEX.md).
 *
 * Security guidance: pass values through the matching normaliser first (`normalisePhone`,
 * `normaliseName`, …): the index is exact on bytes, so `012 345 678` and `+85512345678` match only
 * once both are normalised. The index reveals which rows share a value, and how many do, to anyone
 * who can read the table; it never reveals the value without the index key. Keys are per record
 * type and search, so indexes of different searches or types cannot be joined.
 *
 * @param values The search's normalised values, in the order the search declares its fields.
 * @returns 6 base64url characters.
 * @throws TypeError on a bad scope, an empty list or value, or a value that is not well-formed.
 *
 * @example
 * ```ts
 * const idx = blindIndex(ring, { recordType: 'person', search: 'name_dob' }, [
 *   normaliseName(input.name_latin),
 *   normaliseDate(input.date_of_birth),
 * ]);
 * ```
 */
export function blindIndex(ring: KeyRing, scope: BlindIndexScope, values: readonly string[]): string {
  if (typeof scope !== 'object' || scope === null) throw new TypeError('scope must be a BlindIndexScope');
  identifierBytes('scope.recordType', scope.recordType);
  identifierBytes('scope.search', scope.search);
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_BLIND_INDEX_VALUES) {
    throw new TypeError(`values must be a list of 1 to ${MAX_BLIND_INDEX_VALUES} strings`);
  }
  const encoded = values.map((value: unknown) => identifierBytes('value', value, MAX_BLIND_INDEX_VALUE_BYTES));
  const mac = indexMac(ring, scope.recordType, scope.search)(lengthPrefixed(encoded));
  // RFC 2104 §5: a truncated HMAC keeps the leftmost bits. (Its 80-bit floor is about forging
  // authenticators; an index tag authenticates nothing: candidates are checked by decryption.)
  return encodeBase64url(mac.subarray(0, BLIND_INDEX_BYTES));
}
