import { CryptoError, envelopeKeyVersion, rewrapField, rewrapSecret } from '@need2know/crypto';
import { recordType } from '@need2know/schema';
import { Problem } from '../../platform/errors/problem.js';
import type { SigningKeyRewrap, Stores } from '../../store/ports/index.js';
import type { RowCursor, RowRewrap } from '../../store/ports/records.js';
import { forgetKeyRing, KEY_STATE_CACHE_MS, keyRing, readKeyState, type KeyRingSource } from '../keys/key-ring.js';
import { forgetCachedKeys, SIGNING_KEY_WRAP_LABEL } from '../keys/token-signing.js';
import { rewrapMediaBatch } from '../media/rewrap-media.js';
import { countRevealReasonsBelow, rewrapRevealReasons } from '../officers/reveal-reasons.js';
import { rewrapRequestReasons } from '../request-reasons/sealed-reason.js';
import { countVideoPartsBelow, rewrapVideoBatch } from '../video/rewrap-video.js';

/** Every store holding something sealed under the field keys: what re-wrapping and retiring old keys walk. */
export type SealedStores = Pick<Stores, 'keyState' | 'records' | 'signingKeys' | 'media' | 'videos' | 'revealReasons' | 'requestReasons'>;

/** Progress of the re-wrap job. */
export interface RewrapProgress {
  readonly currentVersion: number;
  readonly oldestVersion: number;
  /** Record versions (and media items, video parts and sealed reasons) moved to the current key version by this call. */
  readonly moved: number;
  /** Record versions (and media items, video parts and sealed reasons) still below the current key version. */
  readonly remaining: number;
  /** Signing keys re-wrapped by this call. */
  readonly signingKeys: number;
  /**
   * Rows that did not open (tampered or corrupt): skipped and reported, never half-written. Media
   * items appear as type `media`, id their reference; video parts as type `video`, id
   * `<reference>#<place>` (see `rewrapVideoBatch`).
   */
  readonly unreadable: readonly RowCursor[];
  /** Where the next call should continue, or null when this call reached the end. */
  readonly next: RowCursor | null;
}

/**
 * Moves up to `limit` record versions (and any wrapped signing keys, a few media items and video
 * parts: see `rewrapMediaBatch` and `rewrapVideoBatch`) to the current field-key version. Each row is replaced only if its envelopes
 * are still the ones read, so concurrent ingest wins and readers always see a complete row (old or
 * new, both open). Crash-safe and resumable: the state is in the rows themselves; run it again
 * (from `next` while it is not null) until `remaining` is 0, or until a whole pass moves nothing:
 * what then remains is only what did not open, reported in `unreadable` on every pass.
 */
export async function rewrapBatch(stores: SealedStores & KeyRingSource, limit: number, after?: RowCursor): Promise<RewrapProgress> {
  forgetKeyRing();
  const ring = await keyRing(stores);
  const rows = await stores.records.rowsBelowKeyVersion(ring.currentVersion, limit, after);
  const rewraps: RowRewrap[] = [];
  const unreadable: RowCursor[] = [];
  for (const row of rows) {
    const def = recordType(row.type);
    try {
      if (def === undefined) throw new CryptoError('ERR_ENVELOPE_MALFORMED', 'unknown record type');
      const sealed = Object.fromEntries(
        Object.entries(row.sealed).map(([field, envelope]) => {
          const fieldClass = def.fields[field]?.class;
          if (fieldClass === undefined) throw new CryptoError('ERR_ENVELOPE_MALFORMED', 'field not in the record type');
          return [field, rewrapField(ring, { owner: row.owner, recordType: row.type, recordId: row.id, field, fieldClass }, envelope)];
        }),
      );
      rewraps.push({ row, was: row.sealed, sealed, keyVersion: ring.currentVersion });
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`re-wrap: record ${row.type}/${row.id} v${row.version} does not open (${err.code})`);
      unreadable.push({ type: row.type, id: row.id, version: row.version });
    }
  }
  const last = rows.at(-1);
  const next = rows.length < limit || last === undefined ? null : { type: last.type, id: last.id, version: last.version };
  const keyRewraps: SigningKeyRewrap[] = [];
  for (const key of await stores.signingKeys.wrappedKeys()) {
    if (envelopeKeyVersion(key.wrappedPrivate) >= ring.currentVersion) continue;
    keyRewraps.push({ kid: key.kid, was: key.wrappedPrivate, rewrapped: rewrapSecret(ring, SIGNING_KEY_WRAP_LABEL, key.wrappedPrivate, key.kid) });
  }
  // Each row and key is replaced only while it holds what was read: no two of them need one transaction.
  const movedRows = await stores.records.rewrapRows(rewraps);
  const signingKeys = keyRewraps.length;
  if (signingKeys > 0) {
    await stores.signingKeys.rewrapKeys(keyRewraps);
    forgetCachedKeys();
  }
  const media = await rewrapMediaBatch(stores, ring);
  for (const ref of media.unreadable) unreadable.push({ type: 'media', id: ref, version: 0 });
  const videos = await rewrapVideoBatch(stores, ring);
  for (const part of videos.unreadable) unreadable.push({ type: 'video', id: part, version: 0 });
  const reasons = await rewrapRevealReasons(stores, ring);
  for (const id of reasons.unreadable) unreadable.push({ type: 'viewer_reveal', id, version: 0 });
  const stated = await rewrapRequestReasons(stores.requestReasons, ring);
  for (const hash of stated.unreadable) unreadable.push({ type: 'request_reason', id: hash, version: 0 });
  const moved = movedRows + media.moved + videos.moved + reasons.moved + stated.moved;
  const remaining =
    (await stores.records.countBelowKeyVersion(ring.currentVersion)) +
    (await stores.media.countBelowKeyVersion(ring.currentVersion)) +
    (await countVideoPartsBelow(stores, ring.currentVersion)) +
    (await countRevealReasonsBelow(stores, ring.currentVersion)) +
    (await stores.requestReasons.countReasonsBelow(ring.currentVersion));
  return { currentVersion: ring.currentVersion, oldestVersion: ring.oldestVersion, moved, remaining, signingKeys, unreadable, next };
}

/**
 * Raises the field-key version that seals new data, and records the administrative event of it by
 * `actor`, in one transaction: a rotation is never made without its event, nor the event without it.
 * Returns the new version.
 *
 * @throws Problem 409 `conflict` when a concurrent rotation took the version (nothing changed).
 */
export async function rotateFieldKeys(stores: Pick<Stores, 'keyState'>, now: number, actor = 'system'): Promise<number> {
  const { current } = await readKeyState(stores.keyState);
  const version = current + 1;
  // Refused when another rotation took the version: a rotation is not logged as if it happened.
  const outcome = await stores.keyState.raiseCurrentVersion(version, {
    at: now,
    actor,
    action: 'field_keys.rotate',
    targetType: 'field_keys',
    targetId: `v${version}`,
    detail: { current_version: version },
  });
  forgetKeyRing();
  if (!outcome.ok) throw new Problem(409, 'conflict', 'Another rotation changed the field-key version; read the status and try again.');
  return version;
}

/**
 * Stops accepting field keys below the current version, once nothing needs them: no record version,
 * media item, video part (see `rewrapVideoBatch`: uploads expired while open do not count), signing
 * key, reveal reason or stated reason below it, and the rotation is older than every isolate's cached reading
 * (so no isolate can still be sealing with an old version). The change and its administrative event
 * by `actor` are one transaction. Returns the outcome.
 */
export async function retireOldFieldKeys(
  stores: SealedStores,
  now: number,
  actor = 'system',
): Promise<{ retired: boolean; reason?: string; oldestVersion: number }> {
  const state = await readKeyState(stores.keyState);
  const rotatedAt = await stores.keyState.currentVersionSetAt();
  if (now - rotatedAt < Math.ceil(KEY_STATE_CACHE_MS / 1000) + 5)
    return { retired: false, reason: 'the rotation is too recent; wait a minute', oldestVersion: state.oldest };
  const below = await stores.records.countBelowKeyVersion(state.current);
  if (below > 0) return { retired: false, reason: 'records still need re-wrapping', oldestVersion: state.oldest };
  if ((await stores.media.countBelowKeyVersion(state.current)) > 0)
    return { retired: false, reason: 'media still need re-wrapping', oldestVersion: state.oldest };
  if ((await countVideoPartsBelow(stores, state.current, now)) > 0)
    return { retired: false, reason: 'videos still need re-wrapping', oldestVersion: state.oldest };
  if ((await countRevealReasonsBelow(stores, state.current)) > 0)
    return { retired: false, reason: 'reveal reasons still need re-wrapping', oldestVersion: state.oldest };
  if ((await stores.requestReasons.countReasonsBelow(state.current)) > 0)
    return { retired: false, reason: 'stated reasons still need re-wrapping', oldestVersion: state.oldest };
  const keys = await stores.signingKeys.wrappedKeys();
  if (keys.some((k) => envelopeKeyVersion(k.wrappedPrivate) < state.current))
    return { retired: false, reason: 'signing keys still need re-wrapping', oldestVersion: state.oldest };
  const outcome = await stores.keyState.raiseOldestVersion(state.current, {
    at: now,
    actor,
    action: 'field_keys.retire',
    targetType: 'field_keys',
    targetId: `v${state.current}`,
    detail: { oldest_version: state.current },
  });
  forgetKeyRing();
  if (!outcome.ok) return { retired: false, reason: 'another change moved the field-key versions; read the status and try again', oldestVersion: state.oldest };
  return { retired: true, oldestVersion: state.current };
}
