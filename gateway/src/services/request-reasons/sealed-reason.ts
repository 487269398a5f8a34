/**
 * The reasons partners and officers state with record requests (`N2K-Reason`). They are free text
 * and may name people, so they are kept sealed like any sensitive field (XChaCha20-Poly1305 under the
 * `narrative` key class), one per distinct text, each bound to the keyed hash the log names it by;
 * they are opened only where oversight reads them (the subject access report). The hash is keyed, so
 * a guess at the text cannot be confirmed against the log. The same shape as the viewer's reveal
 * reasons (`services/officers/reveal-reasons.ts`).
 */
import { CryptoError, openFieldText, pseudonym, rewrapField, sealField, type FieldContext, type KeyRing } from '@need2know/crypto';
import { sha256b64url } from '../../platform/lib/digest.js';
import type { RequestReasonRewrap, RequestReasonStore } from '../../store/ports/request-reasons.js';

/** Owner bound into a reason's envelope: the gateway itself (no agency id starts with `_`). */
const REASON_OWNER = '_gateway';
/** Scope of the keyed hash that names a stated reason in the log (apart from reveal reasons). */
const REASON_HASH_SCOPE = { agency: '_audit', recordType: 'request_reason', field: 'reason' } as const;
/** Reasons moved per re-wrap call. */
export const REQUEST_REASON_REWRAP_BATCH = 200;

/** Where the reason named `reasonHash` is sealed: moved to another row, it does not open. */
function reasonContext(reasonHash: string): FieldContext {
  return { owner: REASON_OWNER, recordType: 'request_reason', recordId: reasonHash, field: 'reason', fieldClass: 'narrative' };
}

/** The keyed hash a disclosure's log entry names `reason` by (`reason_hash`). */
export async function requestReasonHash(ring: KeyRing, reason: string): Promise<string> {
  return pseudonym(ring, REASON_HASH_SCOPE, await sha256b64url(reason));
}

/**
 * Keeps `reason` sealed (once per distinct text) and returns the hash the log names it by. Call it
 * before the log entry is written: a log entry never names a reason that is not kept.
 */
export async function keepRequestReason(store: Pick<RequestReasonStore, 'keepReason'>, ring: KeyRing, reason: string, now: number): Promise<string> {
  const reasonHash = await requestReasonHash(ring, reason);
  await store.keepReason({ reasonHash, sealed: sealField(ring, reasonContext(reasonHash), reason), keyVersion: ring.currentVersion }, now);
  return reasonHash;
}

/**
 * The texts of the kept reasons among `hashes`, by hash, for oversight. A reason that does not open
 * (its key version destroyed) is left out rather than failing the whole report.
 */
export async function openRequestReasons(
  store: Pick<RequestReasonStore, 'reasonsByHash'>,
  ring: KeyRing,
  hashes: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (hashes.length === 0) return out;
  for (const r of await store.reasonsByHash(hashes)) {
    try {
      out.set(r.reasonHash, openFieldText(ring, reasonContext(r.reasonHash), r.sealed));
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`subject access: a stated reason does not open (${err.code})`);
    }
  }
  return out;
}

/**
 * Re-wraps reasons sealed below version `below` at the ring's current version, up to `limit`; each
 * row is replaced only if it still holds what was read. Returns how many moved and the hashes that
 * did not open (skipped, never half-written).
 */
export async function rewrapRequestReasons(
  store: Pick<RequestReasonStore, 'reasonsBelow' | 'replaceReasons'>,
  ring: KeyRing,
  below = ring.currentVersion,
  limit = REQUEST_REASON_REWRAP_BATCH,
): Promise<{ moved: number; unreadable: string[] }> {
  const rewraps: RequestReasonRewrap[] = [];
  const unreadable: string[] = [];
  for (const row of await store.reasonsBelow(below, limit)) {
    try {
      rewraps.push({
        reasonHash: row.reasonHash,
        was: row.sealed,
        sealed: rewrapField(ring, reasonContext(row.reasonHash), row.sealed),
        keyVersion: ring.currentVersion,
      });
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`re-wrap: a stated reason does not open (${err.code})`);
      unreadable.push(row.reasonHash);
    }
  }
  return { moved: await store.replaceReasons(rewraps), unreadable };
}
