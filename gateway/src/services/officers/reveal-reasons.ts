/**
 * The reasons officers type to reveal a protected photo. They are free text and may name people, so
 * they are stored sealed like any sensitive field (XChaCha20-Poly1305 under the `narrative` key
 * class, bound to their reveal), re-wrapped after a rotation, and opened only where oversight reads
 * them (the view trace). The log names each by a keyed hash, never by an unkeyed one a guess could
 * confirm.
 */
import { CryptoError, openFieldText, pseudonym, rewrapField, sealField, type FieldContext, type KeyRing } from '@need2know/crypto';
import { sha256b64url } from '../../platform/lib/digest.js';
import type { Stores } from '../../store/ports/index.js';
import type { RevealReasonRewrap } from '../../store/ports/reveal-reasons.js';

/** `key_version` of a reason written before reasons were sealed: clear text, sealed by the scheduled job. */
export const CLEAR_REASON_VERSION = 0;

/** Owner bound into a reason's envelope: the gateway itself (no agency id starts with `_`). */
const REASON_OWNER = '_gateway';
/** Scope of the keyed hash that names a reason in the log. */
const REASON_HASH_SCOPE = { agency: '_audit', recordType: 'viewer_reveal', field: 'reason' } as const;

/** Where reveal `revealId`'s reason is sealed: moved to another row, it does not open. */
function reasonContext(revealId: string): FieldContext {
  return { owner: REASON_OWNER, recordType: 'viewer_reveal', recordId: revealId, field: 'reason', fieldClass: 'narrative' };
}

/** Seals reveal `revealId`'s reason for storage, at the ring's current version. */
export function sealRevealReason(ring: KeyRing, revealId: string, reason: string): string {
  return sealField(ring, reasonContext(revealId), reason);
}

/** A stored reason in clear: opened when sealed, as stored when written before reasons were sealed. */
export function openRevealReason(ring: KeyRing, revealId: string, stored: string, keyVersion: number): string {
  return keyVersion === CLEAR_REASON_VERSION ? stored : openFieldText(ring, reasonContext(revealId), stored);
}

/** The keyed hash that binds a reason to its log entry without the log holding (or a guess confirming) the text. */
export async function revealReasonHash(ring: KeyRing, reason: string): Promise<string> {
  return pseudonym(ring, REASON_HASH_SCOPE, await sha256b64url(reason));
}

/** Reasons moved per call. */
export const REASON_REWRAP_BATCH = 200;

/**
 * Seals reasons stored in clear and re-wraps sealed ones below version `below` at the ring's current
 * version, up to `limit`; each row is replaced only if it still holds what was read. Returns how many
 * moved and the ids that did not open (skipped, never half-written).
 */
export async function rewrapRevealReasons(
  stores: Pick<Stores, 'revealReasons'>,
  ring: KeyRing,
  below = ring.currentVersion,
  limit = REASON_REWRAP_BATCH,
): Promise<{ moved: number; unreadable: string[] }> {
  const results = await stores.revealReasons.reasonsBelow(below, limit);
  const rewraps: RevealReasonRewrap[] = [];
  const unreadable: string[] = [];
  for (const row of results) {
    try {
      const sealed =
        row.keyVersion === CLEAR_REASON_VERSION ? sealRevealReason(ring, row.id, row.reason) : rewrapField(ring, reasonContext(row.id), row.reason);
      rewraps.push({ id: row.id, was: row.reason, sealed, keyVersion: ring.currentVersion });
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`re-wrap: a reveal reason does not open (${err.code})`);
      unreadable.push(row.id);
    }
  }
  return { moved: await stores.revealReasons.replaceReasons(rewraps), unreadable };
}

/** Reasons still below `version` (clear ones included). */
export async function countRevealReasonsBelow(stores: Pick<Stores, 'revealReasons'>, version: number): Promise<number> {
  return stores.revealReasons.countReasonsBelow(version);
}
