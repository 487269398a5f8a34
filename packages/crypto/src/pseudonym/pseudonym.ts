import { MAX_PSEUDONYM_VALUE_BYTES, PSEUDONYM_BYTES } from '../constants.js';
import type { KeyRing } from '../key-ring.js';
import { encodeBase64url } from '../encoding/base64url.js';
import { lengthPrefixed } from '../lib/bytes.js';
import { pseudonymMac } from '../lib/key-state.js';
import { identifierBytes } from '../lib/validate.js';
import type { PseudonymScope } from '../types.js';

/** Prefix of every pseudonym, so that a partner (and a reviewer) can tell one from a real value. */
const PREFIX = 'psn_';

/**
 * Per-agency pseudonym of a value:
 * `"psn_" ‖ base64url(HMAC-SHA256(K_agency, lp(recordType, field, value))[0..PSEUDONYM_BYTES])`,
 * where `K_agency` is derived from the root for the receiving agency alone (ENVELOPE.md,
 * "Pseudonyms").
 *
 * The same agency always gets the same pseudonym for the same (record type, field, value), so it
 * can link its own disclosures; two agencies get unrelated pseudonyms and cannot join their data
 * without the gateway. Pseudonyms do not change with `currentVersion` or `indexVersion` (a partner
 * keeps what it received); only replacing the root secret changes them all.
 *
 * Security guidance: a pseudonym hides the value only from those without the key, and is exact on
 * bytes: pass values in their normal form (`normalisePhone`, `normaliseName`, …) so that two
 * spellings of one value get one pseudonym. It reveals equality within one agency's scope; use the
 * same (`recordType`, `field`) for two fields only when linking them is intended (e.g. a record's
 * `id` and references to it).
 *
 * @returns `psn_` and 22 base64url characters.
 * @throws TypeError on a bad scope, or a value that is empty, not well-formed or too long.
 *
 * @example
 * ```ts
 * pseudonym(ring, { agency: 'ministry-health', recordType: 'person', field: 'phone' }, '+85512345678');
 * // 'psn_…' — the same for every later disclosure to ministry-health, different for any other agency
 * ```
 */
export function pseudonym(ring: KeyRing, scope: PseudonymScope, value: string): string {
  if (typeof scope !== 'object' || scope === null) throw new TypeError('scope must be a PseudonymScope');
  identifierBytes('scope.agency', scope.agency);
  const message = lengthPrefixed([
    identifierBytes('scope.recordType', scope.recordType),
    identifierBytes('scope.field', scope.field),
    identifierBytes('value', value, MAX_PSEUDONYM_VALUE_BYTES),
  ]);
  // RFC 2104 §5: a truncated HMAC keeps the leftmost bits, and at least half of them.
  return PREFIX + encodeBase64url(pseudonymMac(ring, scope.agency)(message).subarray(0, PSEUDONYM_BYTES));
}
