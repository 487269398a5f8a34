import { sha256b64url } from '../../platform/lib/digest.js';
import type { Stores, ViewerView } from '../../store/ports/index.js';
import type { RecordAccess } from '../access/access.js';
import { keyRing, type KeyRingSource } from '../keys/key-ring.js';
import { revealReasonHash, sealRevealReason } from '../officers/reveal-reasons.js';
import { logViewerEvent } from './viewer-log.js';

/** A reveal on the log: its id and its index in the log. */
export interface LoggedReveal {
  readonly id: string;
  readonly logIndex: number;
}

/**
 * Puts the reveal of photo `mediaRef` in `view` on the log with its reason, then keeps it for
 * oversight: the reason may name people, so the log names it by a keyed hash and storage holds it
 * sealed. `rendition` says what will leave: `scaled` (logged) when the original is too large to hand
 * over whole and its copy at the working size goes instead. Fail-closed: throws, and nothing may be
 * revealed, when the log cannot be written.
 */
export async function logReveal(
  stores: Pick<Stores, 'viewer' | 'auditLog'>,
  keys: KeyRingSource,
  access: RecordAccess,
  now: number,
  view: ViewerView,
  mediaRef: string,
  reason: string,
  rendition: 'original' | 'scaled',
): Promise<LoggedReveal> {
  const id = crypto.randomUUID();
  const ring = await keyRing(keys);
  const [media, reasonHash] = await Promise.all([sha256b64url(`${view.disclosureId}:${mediaRef}`), revealReasonHash(ring, reason)]);
  const logIndex = await logViewerEvent(stores, access, now, id, {
    event: 'reveal',
    view: view.viewId,
    media,
    reason_hash: reasonHash,
    ...(rendition === 'scaled' ? { rendition } : {}),
  });
  await stores.viewer.addReveal({
    id,
    at: now,
    viewId: view.viewId,
    officerId: access.clientId,
    grantId: access.grant.id,
    mediaHash: media,
    reason: sealRevealReason(ring, id, reason),
    keyVersion: ring.currentVersion,
    logIndex,
  });
  return { id, logIndex };
}
