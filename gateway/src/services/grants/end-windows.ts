/**
 * Ending disclosure windows: a grant whose window is over becomes `expired` (its pending requests
 * withdrawn, the change logged as an administrative event), and the viewer keys of every ended grant
 * — expired, revoked or shortened into the past — are destroyed, so that what officers were shown
 * can no longer be opened (crypto-shredding). Run by the scheduled job every minute; a revocation
 * ends a window at once through `changeGrant`. Safe to run twice, or concurrently: each change is
 * conditional on the state it read.
 */
import { grantShouldExpire } from '@need2know/policy';
import { randomToken } from '../../platform/lib/random.js';
import type { Stores } from '../../store/ports/index.js';
import { shredGrantKeys } from './shred-keys.js';

/** Grants expired (and grants shredded) per run; the next run takes the rest. */
const END_BATCH = 100;

/** What one pass ended: grants marked expired, and ended grants whose viewer keys were destroyed. */
export interface EndedWindows {
  readonly expiredGrants: string[];
  readonly shreddedGrants: string[];
}

/** What ending windows reads and writes: grants, their key vaults, and the unit of work. */
export type EndWindowStores = Pick<Stores, 'grants' | 'grantKeys' | 'changes'>;

/** Marks grants whose window is over as expired, then destroys the viewer keys of every ended grant. */
export async function endDisclosureWindows(stores: EndWindowStores, now: number): Promise<EndedWindows> {
  const expiredGrants: string[] = [];
  for (const grant of await stores.grants.grantsDueToExpire(now, END_BATCH)) {
    // The query only narrows the candidates; the rule decides.
    if (!grantShouldExpire(grant, now)) continue;
    const next = { ...grant, status: 'expired' as const, version: grant.version + 1, etag: randomToken(), updatedAt: now };
    // Conditional on the etag read: a grant changed meanwhile is left to the next run.
    const outcome = await stores.changes.commit(
      [
        { op: 'grant.state', grant: next, expectedEtag: grant.etag },
        { op: 'grant_requests.withdraw', grantId: grant.id, at: now },
      ],
      {
        at: now,
        actor: 'system',
        action: 'grant.expire',
        targetType: 'grant',
        targetId: grant.id,
        detail: { not_after: grant.notAfter, previous_status: grant.status },
      },
    );
    if (outcome.ok) expiredGrants.push(grant.id);
  }
  const shreddedGrants: string[] = [];
  for (const grantId of await stores.grants.grantsToShred(END_BATCH)) {
    if (await shredGrantKeys(stores, grantId, now, 'system')) shreddedGrants.push(grantId);
  }
  return { expiredGrants, shreddedGrants };
}
