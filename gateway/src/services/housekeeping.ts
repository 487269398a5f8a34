import { adminEntry, parseCheckpoint } from '@need2know/audit';
import { CLOCK_TOLERANCE } from '../platform/config.js';
import type { Stores } from '../store/ports/index.js';
import { type EndWindowStores, endDisclosureWindows } from './grants/end-windows.js';
import { keyRing } from './keys/key-ring.js';
import { rotateSigningKeyIfDue } from './keys/token-signing.js';
import { keepMediaStore } from './media/move-to-objects.js';
import { keepVideoStore } from './video/keep-videos.js';
import { logOriginOf, type Issuer } from './oauth/issuer.js';
import { CLEAR_REASON_VERSION, rewrapRevealReasons } from './officers/reveal-reasons.js';

/** Administrative events carried into the log per run. */
const ADMIN_EVENTS_BATCH = 500;

/** What the scheduled job reads and writes. */
export type HousekeepingStores = EndWindowStores & Pick<Stores, 'changes' | 'auditLog' | 'revealReasons' | 'revocations' | 'signingKeys' | 'media' | 'videos'>;

/** Appends administrative events not yet in the tamper-evident log (each exactly once). */
async function carryAdminEvents(stores: Pick<Stores, 'changes' | 'auditLog'>): Promise<number> {
  const events = await stores.changes.listEvents({ afterSeq: await stores.auditLog.adminCursor(), limit: ADMIN_EVENTS_BATCH });
  if (events.length === 0) return 0;
  return stores.auditLog.appendAdminEvents(events.map(adminEntry));
}

/** What one housekeeping run did. */
export interface HousekeepingReport {
  readonly expiredGrants: string[];
  /** Administrative events carried into the tamper-evident log by this run. */
  readonly loggedAdminEvents: number;
  /** Ended grants whose viewer keys this run destroyed. */
  readonly shreddedGrants: string[];
  readonly purgedRevocations: number;
  readonly rotatedKey: string | null;
  /** Size of the tree of the checkpoint this run signed, or null when the log had not grown since the last one. */
  readonly signedCheckpoint: number | null;
  /** Reveal reasons stored in clear before they were sealed, sealed by this run. */
  readonly sealedRevealReasons: number;
  /** Media items moved from D1 chunks into the object store by this run (migration 0022). */
  readonly movedMedia: number;
  /** Media items still (partly) in D1 chunks. */
  readonly mediaLeftToMove: number;
  /** Media object sets no item names, deleted by this run. */
  readonly sweptMediaObjects: number;
  /** Video uploads (expired unfinished, or replaced) whose chunks this run deleted. */
  readonly sweptVideoUploads: number;
}

/**
 * The scheduled job (every minute): ends disclosure windows (`endDisclosureWindows`: grants whose
 * window is over become expired, and the viewer keys of every ended grant are destroyed), carries new administrative events into the
 * tamper-evident log and signs its checkpoint, seals reveal reasons stored in clear, forgets
 * revocations of tokens that died anyway, rotates the signing key when due, and keeps the media store
 * (`keepMediaStore`: moves items still in D1 chunks into the object store, deletes objects no item
 * names). Safe to run twice,
 * or concurrently: each change is conditional on the state it read.
 */
export async function runHousekeeping(stores: HousekeepingStores, gateway: Issuer, now: number): Promise<HousekeepingReport> {
  const { expiredGrants, shreddedGrants } = await endDisclosureWindows(stores, now);
  // Before the events are carried: a move's or a rotation's administrative event reaches the log in the same run.
  const media = await keepMediaStore(stores, now);
  const sweptVideoUploads = await keepVideoStore(stores, now);
  const rotatedKey = await rotateSigningKeyIfDue(stores, gateway.keys, now);
  const loggedAdminEvents = await carryAdminEvents(stores);
  // Checkpoints are signed here, on the schedule (at most one a minute), never on an anonymous request.
  const origin = logOriginOf(gateway.publicUrl);
  const lastSize = parseCheckpoint(await stores.auditLog.latestCheckpoint(origin, now)).size;
  const signedSize = parseCheckpoint(await stores.auditLog.checkpoint(origin, now)).size;
  const signedCheckpoint = signedSize === lastSize ? null : signedSize;
  const sealedRevealReasons = (await rewrapRevealReasons(stores, await keyRing(gateway.keys), CLEAR_REASON_VERSION + 1)).moved;
  // A token still verifies for CLOCK_TOLERANCE after its exp; its revocation must outlive that.
  const purgedRevocations = await stores.revocations.purgeExpiredRevocations(now - CLOCK_TOLERANCE);
  return {
    expiredGrants,
    shreddedGrants,
    loggedAdminEvents,
    purgedRevocations,
    rotatedKey,
    signedCheckpoint,
    sealedRevealReasons,
    movedMedia: media.movedToObjects,
    mediaLeftToMove: media.leftToMove,
    sweptMediaObjects: media.sweptObjectSets,
    sweptVideoUploads,
  };
}
