import type { GatewayEnv } from '../../platform/env.js';
import { sha256b64url } from '../../platform/lib/digest.js';
import type { ViewerView } from '../../store/d1/viewer-views.js';
import { insertReveal } from '../../store/d1/viewer-reveals.js';
import type { RecordAccess } from '../access/access.js';
import { keyRing } from '../keys/key-ring.js';
import { revealReasonHash, sealRevealReason } from '../officers/reveal-reasons.js';
import { logViewerEvent } from './viewer-log.js';
import { keyRingSourceOf } from '../stores.js';

/** A reveal on the log: its id and its index in the log. */
export interface LoggedReveal {
  readonly id: string;
  readonly logIndex: number;
}

/**
 * Puts the reveal of photo `mediaRef` in `view` on the log with its reason, then keeps it for
 * oversight: the reason may name people, so the log names it by a keyed hash and storage holds it
 * sealed. Fail-closed: throws, and nothing may be revealed, when the log cannot be written.
 */
export async function logReveal(env: GatewayEnv, access: RecordAccess, now: number, view: ViewerView, mediaRef: string, reason: string): Promise<LoggedReveal> {
  const id = crypto.randomUUID();
  const ring = await keyRing(keyRingSourceOf(env));
  const [media, reasonHash] = await Promise.all([sha256b64url(`${view.disclosureId}:${mediaRef}`), revealReasonHash(ring, reason)]);
  const logIndex = await logViewerEvent(env, access, now, id, { event: 'reveal', view: view.viewId, media, reason_hash: reasonHash });
  await insertReveal(env.DB, {
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
