import { CLOCK_TOLERANCE } from './config.js';
import type { GatewayEnv } from './env.js';
import { rotateSigningKeyIfDue } from './keys/token-signing.js';
import { commitChange } from './storage/admin-events.js';
import { grantsDueToExpire, updateGrantState } from './storage/grants.js';
import { purgeExpiredRevocations } from './storage/revocations.js';
import { randomToken } from './lib/random.js';
import { grantsToShred, shredGrantKeys } from './delivery/shred.js';

/** Grants expired per run; the next run takes the rest. */
const EXPIRE_BATCH = 100;

/** What one housekeeping run did. */
export interface HousekeepingReport {
  readonly expiredGrants: string[];
  /** Ended grants whose viewer keys this run destroyed. */
  readonly shreddedGrants: string[];
  readonly purgedRevocations: number;
  readonly rotatedKey: string | null;
}

/**
 * The scheduled job (every minute): marks grants whose window is over as expired, destroys the
 * viewer keys of every ended grant (crypto-shredding), forgets
 * revocations of tokens that died anyway, and rotates the signing key when due. Safe to run twice,
 * or concurrently: each change is conditional on the state it read.
 */
export async function runHousekeeping(env: GatewayEnv, now: number): Promise<HousekeepingReport> {
  const expiredGrants: string[] = [];
  for (const grant of await grantsDueToExpire(env.DB, now, EXPIRE_BATCH)) {
    const next = { ...grant, status: 'expired' as const, version: grant.version + 1, etag: randomToken(), updatedAt: now };
    const outcome = await commitChange(
      env.DB,
      [updateGrantState(env.DB, next, grant.etag), env.DB.prepare("UPDATE grant_requests SET status = 'withdrawn', decided_by = 'system', decided_at = ? WHERE grant_id = ? AND status = 'pending'").bind(now, grant.id)],
      { at: now, actor: 'system', action: 'grant.expire', targetType: 'grant', targetId: grant.id, detail: { not_after: grant.notAfter, previous_status: grant.status } },
      { table: 'grants', id: grant.id, etag: next.etag },
    );
    if (outcome.ok) expiredGrants.push(grant.id);
  }
  const shreddedGrants: string[] = [];
  for (const grantId of await grantsToShred(env.DB, EXPIRE_BATCH)) {
    if (await shredGrantKeys(env, grantId, now, 'system')) shreddedGrants.push(grantId);
  }
  // A token still verifies for CLOCK_TOLERANCE after its exp; its revocation must outlive that.
  const purgedRevocations = await purgeExpiredRevocations(env.DB, now - CLOCK_TOLERANCE);
  const rotatedKey = await rotateSigningKeyIfDue(env, now);
  return { expiredGrants, shreddedGrants, purgedRevocations, rotatedKey };
}
