import type { GrantedStatsAccess, StatsAccessRequest } from './authorization-details.js';
import { MAX_ACCESS_TOKEN_LIFETIME, MIN_USEFUL_TOKEN_LIFETIME } from './constants.js';
import { grantIsLive } from './grant-window.js';
import type { TableAccess } from './stats-protection.js';
import type { TokenClient, TokenDecision } from './token-policy.js';

/** What the token decision reads of a statistics grant (the stored grant carries more). */
export interface StatsGrantTerms {
  readonly id: string;
  readonly agencyId: string;
  readonly purpose: string;
  readonly tables: Readonly<Record<string, TableAccess>>;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly status: 'active' | 'suspended' | 'revoked';
}

/**
 * Decides what an agency gets for a `stats_access` request: the tables it asked for (all when it
 * named none) that a live statistics grant of the purpose gives it, for as long as the token and the
 * grant's window both last. Asking for tables the grant does not hold is cut down; asking for nothing
 * it holds is refused. Pure.
 *
 * @param grants the statistics grants of the purpose for the client's agency
 */
export function decideStatsAccess(
  request: StatsAccessRequest,
  client: TokenClient,
  grants: readonly StatsGrantTerms[],
  now: number,
): TokenDecision<GrantedStatsAccess> {
  if (client.kind !== 'partner') return { ok: false, error: 'unauthorized_client', reason: `a ${client.kind} client cannot request statistics` };
  const live = grants
    .filter((g) => g.agencyId === client.agencyId && g.purpose === request.purpose && grantIsLive(g, now))
    .sort((a, b) => b.notAfter - a.notAfter);
  const chosen = request.grant === undefined ? live[0] : live.find((g) => g.id === request.grant);
  if (chosen === undefined) return { ok: false, error: 'invalid_grant', reason: 'no live statistics grant of this purpose for this agency' };
  const held = Object.keys(chosen.tables);
  const tables = [...new Set(request.tables ?? held)].filter((t) => held.includes(t)).sort();
  if (tables.length === 0) return { ok: false, error: 'invalid_authorization_details', reason: 'none of the requested tables is granted' };
  const lifetime = Math.min(MAX_ACCESS_TOKEN_LIFETIME, chosen.notAfter - now);
  if (lifetime < MIN_USEFUL_TOKEN_LIFETIME) return { ok: false, error: 'invalid_grant', reason: 'the window ends too soon to issue a token' };
  return { ok: true, lifetime, granted: { type: 'stats_access', purpose: chosen.purpose, grant: chosen.id, tables, window_ends: chosen.notAfter } };
}
