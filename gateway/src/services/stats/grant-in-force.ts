import { grantIsLive } from '@need2know/policy';
import type { StatsGrant, Stores } from '../../store/ports/index.js';

/**
 * The statistics grant `grantId` as it stands now, if it is live for `agencyId` at `now`, else null.
 * One rule for every place that honours a `stats_access` token (the release route and introspection):
 * revoking or suspending a grant, or the window closing, takes effect at once.
 */
export async function statsGrantInForce(stores: Pick<Stores, 'stats'>, grantId: string, agencyId: string, now: number): Promise<StatsGrant | null> {
  const grant = await stores.stats.getGrant(grantId);
  return grant !== null && grant.agencyId === agencyId && grantIsLive(grant, now) ? grant : null;
}
