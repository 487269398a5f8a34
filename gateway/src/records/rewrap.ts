import { CryptoError, envelopeKeyVersion, rewrapField, rewrapSecret } from '@need2know/crypto';
import { recordType } from '@need2know/schema';
import type { GatewayEnv } from '../env.js';
import { Problem } from '../errors/problem.js';
import { commitChange } from '../store/d1/admin-events.js';
import { forgetKeyRing, KEY_STATE_CACHE_MS, keyRing, readKeyState } from '../keys/key-ring.js';
import { forgetCachedKeys, SIGNING_KEY_WRAP_LABEL } from '../keys/token-signing.js';
import { rewrapMediaBatch } from '../media/rewrap-media.js';
import { countRevealReasonsBelow, rewrapRevealReasons } from '../officers/reveal-reasons.js';
import { countMediaBelowKeyVersion } from '../storage/media.js';
import { rewrapRowStatement, rowsBelowKeyVersion, type RowCursor } from '../store/d1/records.js';

/** Progress of the re-wrap job. */
export interface RewrapProgress {
  readonly currentVersion: number;
  readonly oldestVersion: number;
  /** Record versions (and media items) moved to the current key version by this call. */
  readonly moved: number;
  /** Record versions (and media items) still below the current key version. */
  readonly remaining: number;
  /** Signing keys re-wrapped by this call. */
  readonly signingKeys: number;
  /** Rows that did not open (tampered or corrupt): skipped and reported, never half-written. Media items appear as type `media`, id their reference. */
  readonly unreadable: readonly RowCursor[];
  /** Where the next call should continue, or null when this call reached the end. */
  readonly next: RowCursor | null;
}

/**
 * Moves up to `limit` record versions (and any wrapped signing keys, and a few media items: see
 * `rewrapMediaBatch`) to the current field-key version. Each row is replaced only if its envelopes
 * are still the ones read, so concurrent ingest wins and readers always see a complete row (old or
 * new, both open). Crash-safe and resumable: the state is in the rows themselves; run it again
 * until `remaining` is 0.
 */
export async function rewrapBatch(env: GatewayEnv, limit: number, after?: RowCursor): Promise<RewrapProgress> {
  forgetKeyRing();
  const ring = await keyRing(env);
  const rows = await rowsBelowKeyVersion(env.DB, ring.currentVersion, limit, after);
  const statements: D1PreparedStatement[] = [];
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
      statements.push(rewrapRowStatement(env.DB, row, sealed, ring.currentVersion, JSON.stringify(row.sealed)));
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`re-wrap: record ${row.type}/${row.id} v${row.version} does not open (${err.code})`);
      unreadable.push({ type: row.type, id: row.id, version: row.version });
    }
  }
  const last = rows.at(-1);
  const next = rows.length < limit || last === undefined ? null : { type: last.type, id: last.id, version: last.version };
  const rowStatements = statements.length;
  const { results: keys } = await env.DB.prepare('SELECT kid, wrapped_private FROM signing_keys').all<{ kid: string; wrapped_private: string }>();
  let signingKeys = 0;
  for (const key of keys) {
    if (envelopeKeyVersion(key.wrapped_private) >= ring.currentVersion) continue;
    const rewrapped = rewrapSecret(ring, SIGNING_KEY_WRAP_LABEL, key.wrapped_private, key.kid);
    statements.push(env.DB.prepare('UPDATE signing_keys SET wrapped_private = ? WHERE kid = ? AND wrapped_private = ?').bind(rewrapped, key.kid, key.wrapped_private));
    signingKeys++;
  }
  const results = statements.length === 0 ? [] : await env.DB.batch(statements);
  if (signingKeys > 0) forgetCachedKeys();
  const media = await rewrapMediaBatch(env, ring);
  for (const ref of media.unreadable) unreadable.push({ type: 'media', id: ref, version: 0 });
  const reasons = await rewrapRevealReasons(env, ring);
  for (const id of reasons.unreadable) unreadable.push({ type: 'viewer_reveal', id, version: 0 });
  const moved = results.slice(0, rowStatements).reduce((n, r) => n + (r.meta.changes ?? 0), 0) + media.moved + reasons.moved;
  const remaining =
    ((await env.DB.prepare('SELECT count(*) AS n FROM records WHERE key_version < ?').bind(ring.currentVersion).first<{ n: number }>())?.n ?? 0) +
    (await countMediaBelowKeyVersion(env.DB, ring.currentVersion)) +
    (await countRevealReasonsBelow(env.DB, ring.currentVersion));
  return { currentVersion: ring.currentVersion, oldestVersion: ring.oldestVersion, moved, remaining, signingKeys, unreadable, next };
}

/**
 * Statements that abort the batch they end unless the statement just before them changed a row
 * (`change_guard` holds only `ok = 1`): a rotation whose version another rotation took is not logged
 * as if it happened.
 */
const guardChanged = (db: D1Database) => [db.prepare('INSERT INTO change_guard (ok) SELECT changes()'), db.prepare('DELETE FROM change_guard')];

/**
 * Raises the field-key version that seals new data, and records the administrative event of it by
 * `actor`, in one D1 batch: a rotation is never made without its event, nor the event without it.
 * Returns the new version.
 *
 * @throws Problem 409 `conflict` when a concurrent rotation took the version (nothing changed).
 */
export async function rotateFieldKeys(env: GatewayEnv, now: number, actor = 'system'): Promise<number> {
  const { current } = await readKeyState(env.DB);
  const version = current + 1;
  const outcome = await commitChange(
    env.DB,
    [env.DB.prepare("UPDATE key_state SET value = ?1, updated_at = ?2 WHERE name = 'field_current' AND value = ?1 - 1").bind(version, now), ...guardChanged(env.DB)],
    { at: now, actor, action: 'field_keys.rotate', targetType: 'field_keys', targetId: `v${version}`, detail: { current_version: version } },
  );
  forgetKeyRing();
  if (!outcome.ok) throw new Problem(409, 'conflict', 'Another rotation changed the field-key version; read the status and try again.');
  return version;
}

/**
 * Stops accepting field keys below the current version, once nothing needs them: no record version,
 * media item or signing key below it, and the rotation is older than every isolate's cached reading
 * (so no isolate can still be sealing with an old version). The change and its administrative event
 * by `actor` are one D1 batch. Returns the outcome.
 */
export async function retireOldFieldKeys(env: GatewayEnv, now: number, actor = 'system'): Promise<{ retired: boolean; reason?: string; oldestVersion: number }> {
  const state = await readKeyState(env.DB);
  const rotatedAt = (await env.DB.prepare("SELECT updated_at FROM key_state WHERE name = 'field_current'").first<{ updated_at: number }>())?.updated_at ?? 0;
  if (now - rotatedAt < Math.ceil(KEY_STATE_CACHE_MS / 1000) + 5) return { retired: false, reason: 'the rotation is too recent; wait a minute', oldestVersion: state.oldest };
  const below = (await env.DB.prepare('SELECT count(*) AS n FROM records WHERE key_version < ?').bind(state.current).first<{ n: number }>())?.n ?? 0;
  if (below > 0) return { retired: false, reason: 'records still need re-wrapping', oldestVersion: state.oldest };
  if ((await countMediaBelowKeyVersion(env.DB, state.current)) > 0) return { retired: false, reason: 'media still need re-wrapping', oldestVersion: state.oldest };
  if ((await countRevealReasonsBelow(env.DB, state.current)) > 0) return { retired: false, reason: 'reveal reasons still need re-wrapping', oldestVersion: state.oldest };
  const { results: keys } = await env.DB.prepare('SELECT wrapped_private FROM signing_keys').all<{ wrapped_private: string }>();
  if (keys.some((k) => envelopeKeyVersion(k.wrapped_private) < state.current)) return { retired: false, reason: 'signing keys still need re-wrapping', oldestVersion: state.oldest };
  const outcome = await commitChange(
    env.DB,
    [env.DB.prepare("UPDATE key_state SET value = ?1, updated_at = ?2 WHERE name = 'field_oldest' AND value < ?1").bind(state.current, now), ...guardChanged(env.DB)],
    { at: now, actor, action: 'field_keys.retire', targetType: 'field_keys', targetId: `v${state.current}`, detail: { oldest_version: state.current } },
  );
  forgetKeyRing();
  if (!outcome.ok) return { retired: false, reason: 'another change moved the field-key versions; read the status and try again', oldestVersion: state.oldest };
  return { retired: true, oldestVersion: state.current };
}
