import type { GatewayEnv } from '../platform/env.js';
import { d1AccessStore } from './d1/access-store.js';
import { d1AdminStores } from './d1/admin-stores.js';
import { d1KeyStateStore, d1SigningKeyStore } from './d1/key-stores.js';
import { d1RevealReasonStore } from './d1/reveal-reason-store.js';
import { d1OriginalAuditStore } from './d1/original-audits.js';
import { d1HealthStore, d1OversightStore } from './d1/oversight-store.js';
import { d1RecordStore } from './d1/record-store.js';
import { d1RequestReasonStore } from './d1/request-reasons.js';
import { d1StatsStore } from './d1/stats-store.js';
import { d1ViewerStore } from './d1/viewer-store.js';
import type { Stores } from './ports/index.js';
import { r2MediaStore } from './r2/media-store.js';
import { r2VideoStore } from './r2/video-store.js';
import type { AuditLogPort, GrantKeyVaultsPort, ReplayGuardPort } from './ports/objects.js';

/** The shard of the tamper-evident log every entry is appended to. */
export const AUDIT_SHARD = 'log:main';

/** The audit log's port: the Durable Object stub (the real binding) of its one shard. */
export function auditLogOf(env: Pick<GatewayEnv, 'AUDIT_LOG'>): AuditLogPort {
  return env.AUDIT_LOG.get(env.AUDIT_LOG.idFromName(AUDIT_SHARD));
}

/** The grant key vaults' port: one object per grant. */
export function grantKeysOf(env: Pick<GatewayEnv, 'GRANT_KEYS'>): GrantKeyVaultsPort {
  return { of: (grantId) => env.GRANT_KEYS.get(env.GRANT_KEYS.idFromName(grantId)) };
}

/** The replay guards' port: one object per scope (a client id or a DPoP key thumbprint). */
export function replayGuardOf(env: Pick<GatewayEnv, 'REPLAY_GUARD'>): ReplayGuardPort {
  return { spend: (scope, nonces, now) => env.REPLAY_GUARD.get(env.REPLAY_GUARD.idFromName(scope)).consume(nonces, now) };
}

/**
 * Every storage port, built from the Worker's bindings: the one place the backends are chosen
 * (D1 for tables, R2 for the bytes of media, the Durable Objects for the log, the grant keys and the replay guards). Built once
 * per request by the app, and by the scheduled jobs; another backend builds the same {@link Stores}.
 */
export function storesFromBindings(env: GatewayEnv): Stores {
  return {
    ...d1AdminStores(env.DB),
    keyState: d1KeyStateStore(env.DB),
    signingKeys: d1SigningKeyStore(env.DB),
    revealReasons: d1RevealReasonStore(env.DB),
    stats: d1StatsStore(env.DB),
    media: r2MediaStore(env.DB, env.MEDIA),
    videos: r2VideoStore(env.DB, env.MEDIA),
    originalAudits: d1OriginalAuditStore(env.DB),
    records: d1RecordStore(env.DB),
    oversight: d1OversightStore(env.DB),
    health: d1HealthStore(env.DB),
    requestReasons: d1RequestReasonStore(env.DB),
    access: d1AccessStore(env.DB),
    viewer: d1ViewerStore(env.DB),
    auditLog: auditLogOf(env),
    grantKeys: grantKeysOf(env),
    replayGuard: replayGuardOf(env),
  };
}
