import { describe, expect, it } from 'vitest';
import { STATS_TABLE_DEFS } from './catalogue.js';
import { chooseProtection, publicSettingIssues, publicWidenings, thresholdIssue, type PublicSetting } from '@need2know/policy';
import { resolveQuery, type StatsQuery, type StatsQueryInput } from './query.js';
import type { StatsGrant } from '../../store/ports/index.js';
import { decideStatsAccess } from '@need2know/policy';

/** Query-string parameters as the route's schema hands them over: numbers read, format and shape defaulted. */
const input = (params: Record<string, string>): StatsQueryInput => {
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return { ...params, year: num(params.year), bound: num(params.bound), threshold: num(params.threshold), format: 'json', shape: 'cells' } as StatsQueryInput;
};

const query = (table: keyof typeof STATS_TABLE_DEFS, params: Record<string, string>): StatsQuery => {
  const resolved = resolveQuery(STATS_TABLE_DEFS[table], input(params));
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return resolved.query;
};

describe('choosing the protection of a release', () => {
  const access = { threshold: 5, methods: ['suppression', 'dp'] as const, maxEpsilonMicro: 500_000 };
  it('suppresses at the granted threshold only, raised to its step: the caller cannot choose another', () => {
    expect(chooseProtection(access, query('crime', { year: '2025' }))).toEqual({ ok: true, protection: { method: 'suppression', threshold: 5 } });
    expect(chooseProtection(access, query('crime', { year: '2025', threshold: '5' }))).toEqual({
      ok: true,
      protection: { method: 'suppression', threshold: 5 },
    });
    expect(chooseProtection(access, query('crime', { year: '2025', threshold: '12' }))).toEqual({ ok: false, reason: 'threshold_fixed', threshold: 5 });
    expect(chooseProtection(access, query('crime', { year: '2025', threshold: '2' }))).toEqual({ ok: false, reason: 'threshold_fixed', threshold: 5 });
    expect(chooseProtection({ ...access, threshold: 12 }, query('crime', { year: '2025' }))).toEqual({
      ok: true,
      protection: { method: 'suppression', threshold: 15 },
    });
    expect(chooseProtection({ ...access, threshold: 1 }, query('crime', { year: '2025' }))).toEqual({
      ok: true,
      protection: { method: 'suppression', threshold: 1 },
    });
  });
  it('accepts only thresholds that are steps', () => {
    expect(thresholdIssue(10, 't')).toBeUndefined();
    expect(thresholdIssue(1, 't')).toBeUndefined();
    expect(thresholdIssue(12, 't')).toMatchObject({ path: 't', code: 'not_a_step' });
    expect(publicSettingIssues({ enabled: true, threshold: 12, methods: ['suppression'], maxEpsilonMicro: 0, budgetMicro: 0 }).map((i) => i.code)).toEqual([
      'not_a_step',
    ]);
  });
  it('spends at most the per-release ε, and only with a granted method', () => {
    expect(chooseProtection(access, query('crime', { year: '2025', protection: 'dp' }))).toEqual({
      ok: true,
      protection: { method: 'dp', epsilonMicro: 500_000, bound: 2 },
    });
    expect(chooseProtection(access, query('crime', { year: '2025', protection: 'dp', epsilon: '0.6' }))).toEqual({ ok: false, reason: 'epsilon_not_granted' });
    expect(chooseProtection({ ...access, methods: ['suppression'] }, query('crime', { year: '2025', protection: 'dp' }))).toEqual({
      ok: false,
      reason: 'method_not_granted',
    });
  });
});

describe('statistics requests', () => {
  it('take what applies to the table and refuse the rest', () => {
    expect(query('health', { from: '2026-W10', to: '2026-W12' }).weeks).toEqual(['2026-W10', '2026-W11', '2026-W12']);
    expect(query('discipline', { year: '2025' })).toMatchObject({ level: null, period: 'month' });
    const refused = resolveQuery(STATS_TABLE_DEFS.discipline, input({ year: '2025', level: 'commune' }));
    expect(refused.ok).toBe(false);
    expect(resolveQuery(STATS_TABLE_DEFS.health, input({ from: '2026-W20', to: '2026-W10' })).ok).toBe(false);
    expect(resolveQuery(STATS_TABLE_DEFS.health, input({ from: '2025-W53', to: '2026-W02' })).ok).toBe(false); // 2025 has 52 weeks
    expect(resolveQuery(STATS_TABLE_DEFS.crime, input({ year: '2025', protection: 'suppression', epsilon: '1' })).ok).toBe(false);
  });
});

describe('public tier changes', () => {
  const current: PublicSetting = { table: 'crime', enabled: false, threshold: 10, methods: ['suppression'], maxEpsilonMicro: 0, budgetMicro: 0 };
  it('name everything that lets more out', () => {
    expect(
      publicWidenings(current, { ...current, enabled: true, threshold: 8, methods: ['suppression', 'dp'], maxEpsilonMicro: 100_000, budgetMicro: 1_000_000 }),
    ).toEqual(['enable', 'lower_threshold', 'add_method:dp', 'raise_max_epsilon', 'raise_budget']);
    expect(publicWidenings({ ...current, enabled: true }, { ...current, enabled: false, threshold: 20 })).toEqual([]);
  });
  it('keep the public floor and a budget for differential privacy', () => {
    expect(publicSettingIssues({ ...current, threshold: 4 }).map((i) => i.code)).toEqual(['below_public_floor']);
    expect(publicSettingIssues({ ...current, methods: ['dp'], maxEpsilonMicro: 500_000, budgetMicro: 100_000 }).map((i) => i.code)).toEqual([
      'budget_too_small',
    ]);
  });
});

describe('statistics tokens', () => {
  const grant: StatsGrant = {
    id: 'sgr_aaaaaaaaaaaaaaaa',
    agencyId: 'mowa',
    purpose: 'safety-report',
    legalBasis: 'x',
    tables: { crime: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 } },
    epsilonBudgetMicro: 0,
    notBefore: 1000,
    notAfter: 5000,
    status: 'active',
    etag: 'e',
    requestedBy: 'a',
    approvedBy: 'b',
    createdAt: 1000,
    updatedAt: 1000,
  };
  const client = { id: 'c', kind: 'partner' as const, agencyId: 'mowa', ingestTypes: [] };
  it('grant the requested tables the live grant holds, never more, never past its window', () => {
    const decided = decideStatsAccess({ type: 'stats_access', purpose: 'safety-report', tables: ['crime', 'health'] }, client, [grant], 2000);
    expect(decided).toEqual({
      ok: true,
      lifetime: 600,
      granted: { type: 'stats_access', purpose: 'safety-report', grant: grant.id, tables: ['crime'], window_ends: 5000 },
    });
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'safety-report' }, client, [grant], 4990)).toMatchObject({ ok: true, lifetime: 10 });
  });
  it('refuse outside the window, for other agencies, for revoked grants and for non-partners', () => {
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'safety-report' }, client, [grant], 6000)).toMatchObject({ ok: false, error: 'invalid_grant' });
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'safety-report' }, { ...client, agencyId: 'other' }, [grant], 2000)).toMatchObject({
      ok: false,
      error: 'invalid_grant',
    });
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'safety-report' }, client, [{ ...grant, status: 'revoked' }], 2000)).toMatchObject({ ok: false });
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'safety-report', tables: ['health'] }, client, [grant], 2000)).toMatchObject({
      ok: false,
      error: 'invalid_authorization_details',
    });
    expect(decideStatsAccess({ type: 'stats_access', purpose: 'safety-report' }, { ...client, kind: 'data_owner' }, [grant], 2000)).toMatchObject({
      ok: false,
      error: 'unauthorized_client',
    });
  });
});
