import { KeyRing } from '@need2know/crypto';
import type { FieldKeyVersions, KeyStateStore } from '../../store/ports/keys.js';

/**
 * How long an isolate trusts its reading of the field-key versions (ms). After a rotation, other
 * isolates may seal with the previous version for this long; the re-wrap job moves those rows too.
 */
export const KEY_STATE_CACHE_MS = 30_000;

/**
 * What the key ring is derived from: the Worker secret `N2K_ROOT_SECRET` (a plain value, read from
 * the bindings by the caller) and the field-key versions recorded in storage.
 */
export interface KeyRingSource {
  readonly rootSecret: unknown;
  readonly keyState: Pick<KeyStateStore, 'fieldKeyVersions'>;
}

let cached: { secret: string; at: number; current: number; oldest: number; ring: KeyRing } | undefined;

/** Field-key versions as recorded. */
export async function readKeyState(keyState: Pick<KeyStateStore, 'fieldKeyVersions'>): Promise<FieldKeyVersions> {
  return keyState.fieldKeyVersions();
}

/**
 * The key ring derived from the root secret at the field-key versions recorded in storage, cached
 * per isolate. Fails closed: without a root secret nothing can be sealed or opened.
 */
export async function keyRing({ rootSecret: secret, keyState }: KeyRingSource): Promise<KeyRing> {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('N2K_ROOT_SECRET is not set');
  if (cached !== undefined && cached.secret === secret && Date.now() - cached.at < KEY_STATE_CACHE_MS) return cached.ring;
  const { current, oldest } = await readKeyState(keyState);
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
 * isolate last read the versions), the versions are read again before anything is opened, so a
 * re-wrapped record never fails with `ERR_KEY_VERSION_UNKNOWN` while the cache is young. A version
 * above what storage records still fails when opened: that is an integrity alarm, not a stale cache.
 */
export async function keyRingOpening(source: KeyRingSource, versions: Iterable<number>): Promise<KeyRing> {
  const ring = await keyRing(source);
  let newest = 0;
  for (const version of versions) newest = Math.max(newest, version);
  if (newest <= ring.currentVersion) return ring;
  forgetKeyRing();
  return keyRing(source);
}

/** Forgets the cached ring (after a rotation in this isolate, and in tests). */
export function forgetKeyRing(): void {
  cached = undefined;
}
