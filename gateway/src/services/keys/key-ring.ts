import { KeyRing } from '@need2know/crypto';
import type { GatewayEnv } from '../../platform/env.js';
import { readKeyVersions } from '../../store/d1/key-state.js';

/**
 * How long an isolate trusts its reading of the field-key versions (ms). After a rotation, other
 * isolates may seal with the previous version for this long; the re-wrap job moves those rows too.
 */
export const KEY_STATE_CACHE_MS = 30_000;

let cached: { secret: string; at: number; current: number; oldest: number; ring: KeyRing } | undefined;

/** Field-key versions as recorded in D1 (`key_state`). */
export async function readKeyState(db: D1Database): Promise<{ current: number; oldest: number }> {
  return readKeyVersions(db);
}

/**
 * The key ring derived from the Worker secret `N2K_ROOT_SECRET` at the field-key versions recorded
 * in D1, cached per isolate. Fails closed: without a root secret nothing can be sealed or opened.
 */
export async function keyRing(env: GatewayEnv): Promise<KeyRing> {
  const secret = env.N2K_ROOT_SECRET;
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('N2K_ROOT_SECRET is not set');
  if (cached !== undefined && cached.secret === secret && Date.now() - cached.at < KEY_STATE_CACHE_MS) return cached.ring;
  const { current, oldest } = await readKeyState(env.DB);
  const ring =
    cached !== undefined && cached.secret === secret && cached.current === current && cached.oldest === oldest
      ? cached.ring
      : KeyRing.fromBase64url(secret, { currentVersion: current, oldestVersion: oldest });
  cached = { secret, at: Date.now(), current, oldest, ring };
  return ring;
}

/**
 * The key ring, able to open envelopes sealed at every one of `versions`: when the cached reading
 * does not know one of them yet (another isolate rotated the field keys and re-wrapped since this
 * isolate last read `key_state`), the versions are read again from D1 before anything is opened, so
 * a re-wrapped record never fails with `ERR_KEY_VERSION_UNKNOWN` while the cache is young. A version
 * above what D1 records still fails when opened: that is an integrity alarm, not a stale cache.
 */
export async function keyRingOpening(env: GatewayEnv, versions: Iterable<number>): Promise<KeyRing> {
  const ring = await keyRing(env);
  let newest = 0;
  for (const version of versions) newest = Math.max(newest, version);
  if (newest <= ring.currentVersion) return ring;
  forgetKeyRing();
  return keyRing(env);
}

/** Forgets the cached ring (after a rotation in this isolate, and in tests). */
export function forgetKeyRing(): void {
  cached = undefined;
}
