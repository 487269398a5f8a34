import { describe, expect, it } from 'vitest';
import { MAX_ACCESS_TOKEN_LIFETIME } from './constants.js';
import { decideStatsAccess, type StatsGrantTerms } from './stats-token-policy.js';
import type { TokenClient } from './token-policy.js';

const NOW = 1_800_000_000;
const access = { threshold: 10, methods: ['suppression'] as const, maxEpsilonMicro: 0 };
const grant = (over: Partial<StatsGrantTerms> = {}): StatsGrantTerms => ({
  id: 'sgr_1',
  agencyId: 'moh',
  purpose: 'health-stats',
  tables: { cases_by_month: access, cases_by_place: access },
  notBefore: NOW - 60,
  notAfter: NOW + 3_600,
  status: 'active',
  ...over,
});
const partner: TokenClient = { id: 'cli_moh', kind: 'partner', agencyId: 'moh', ingestTypes: [] };

describe('decideStatsAccess', () => {
  it('gives the granted tables asked for, for no longer than a token may live', () => {
    const d = decideStatsAccess({ type: 'stats_access', purpose: 'health-stats', tables: ['cases_by_place', 'not_granted'] }, partner, [grant()], NOW);
    expect(d).toEqual({
      ok: true,
      lifetime: MAX_ACCESS_TOKEN_LIFETIME,
      granted: { type: 'stats_access', purpose: 'health-stats', grant: 'sgr_1', tables: ['cases_by_place'], window_ends: NOW + 3_600 },
    });
  });

  it('refuses a suspended, future, ended or other agency grant, and a request for nothing granted', () => {
    const ask = { type: 'stats_access' as const, purpose: 'health-stats' };
    for (const g of [grant({ status: 'suspended' }), grant({ notBefore: NOW + 1 }), grant({ notAfter: NOW }), grant({ agencyId: 'mof' })]) {
      expect(decideStatsAccess(ask, partner, [g], NOW)).toMatchObject({ ok: false, error: 'invalid_grant' });
    }
    expect(decideStatsAccess({ ...ask, tables: ['not_granted'] }, partner, [grant()], NOW)).toMatchObject({
      ok: false,
      error: 'invalid_authorization_details',
    });
  });

  it('refuses a client that is not a partner', () => {
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'health-stats' }, { ...partner, kind: 'officer' }, [grant()], NOW)).toMatchObject({
      ok: false,
      error: 'unauthorized_client',
    });
  });
});
