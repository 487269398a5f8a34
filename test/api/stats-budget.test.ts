/**
 * Differentially private releases and the privacy-budget ledger: released numbers are consistent, a
 * request that would go over the budget is refused before anything is released (also when requests
 * race), the same question is answered again without spending, and every spend is recorded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gatewayEnv, testGateway } from './harness.js';
import { getStats, hierarchiesOf, seedDemo, statsPartner, type ReleaseJson } from './stats-harness.js';
import { Table } from '@need2know/stats';

beforeAll(async () => {
  await seedDemo(300, 'stats-budget');
}, 120_000);

const DP = { threshold: 10, methods: ['dp' as const], maxEpsilonMicro: 500_000 };
const spends = async (purpose: string) =>
  (await gatewayEnv.DB.prepare('SELECT count(*) AS n, coalesce(sum(epsilon_micro), 0) AS total FROM stats_spends WHERE purpose = ?')
    .bind(purpose)
    .first<{ n: number; total: number }>()) ?? { n: 0, total: 0 };

describe('differentially private release', () => {
  it('is non-negative integers whose totals add up, and says what it spent', async () => {
    const gateway = testGateway();
    const { client, token, grant } = await statsPartner(gateway, { crime: DP }, 2_000_000);
    const response = await getStats(gateway, client, token, '/v1/stats/tables/crime?level=province&period=quarter&year=2025&protection=dp&epsilon=0.5&bound=1');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as ReleaseJson;
    expect(doc.protection).toMatchObject({
      method: 'dp',
      mechanism: 'discrete_laplace',
      epsilon: '0.5',
      bound: 1,
      stages: 5,
      budget: { spent: '0.5', limit: '2', remaining: '1.5' },
    });
    const dims = hierarchiesOf(doc);
    const table = new Table(dims);
    const names = doc.dimensions.map((d) => d.name);
    for (const cell of doc.cells) {
      expect(Number.isInteger(cell.count) && (cell.count as number) >= 0).toBe(true);
      table.counts[table.index(names.map((n, i) => dims[i]?.indexOf(String(cell[n])) ?? -1))] = cell.count as number;
    }
    // Provinces come from the schema's list, not from the data: all 25 are there.
    expect(doc.dimensions[1]?.nodes.filter((n) => n.level === 'province')).toHaveLength(25);
    for (let c = 0; c < table.size; c++) {
      if (table.isLeaf(c)) continue;
      expect(table.leavesUnder(c).reduce((s, l) => s + (table.counts[l] as number), 0)).toBe(table.counts[c]);
    }
    expect(await spends(grant.purpose)).toEqual({ n: 1, total: 500_000 });
  });

  it('answers the same question again from the register, without spending', async () => {
    const gateway = testGateway();
    const { client, token, grant } = await statsPartner(gateway, { discipline: { ...DP, maxEpsilonMicro: 1_000_000 } }, 1_000_000);
    const path = '/v1/stats/tables/discipline?period=year&year=2025&protection=dp&epsilon=1';
    const first = (await (await getStats(gateway, client, token, path)).json()) as ReleaseJson;
    const again = (await (await getStats(gateway, client, token, path)).json()) as ReleaseJson;
    expect(again.release).toBe(first.release);
    expect(again.cells).toEqual(first.cells);
    expect(await spends(grant.purpose)).toEqual({ n: 1, total: 1_000_000 });
  });
});

describe('privacy-budget ledger', () => {
  it('refuses a release that would go over the budget, before releasing or recording anything', async () => {
    const gateway = testGateway();
    const { client, token, grant } = await statsPartner(gateway, { crime: DP }, 1_000_000);
    for (const year of [2024, 2025])
      expect((await getStats(gateway, client, token, `/v1/stats/tables/crime?year=${year}&period=year&protection=dp&epsilon=0.5`)).status).toBe(200);
    const releasesBefore = await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM stats_releases WHERE purpose = ?').bind(grant.purpose).first<{ n: number }>();
    const refused = await getStats(gateway, client, token, '/v1/stats/tables/crime?year=2023&period=year&protection=dp&epsilon=0.5');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('privacy_budget_exhausted');
    expect(await spends(grant.purpose)).toEqual({ n: 2, total: 1_000_000 });
    expect(await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM stats_releases WHERE purpose = ?').bind(grant.purpose).first<{ n: number }>()).toEqual(
      releasesBefore,
    );
    // A smaller ε would not fit either: the ledger is exhausted, not merely short of 0.5.
    expect((await getStats(gateway, client, token, '/v1/stats/tables/crime?year=2023&period=year&protection=dp&epsilon=0.01')).status).toBe(403);
  });

  it('lets only as many racing requests through as the budget holds', async () => {
    const gateway = testGateway();
    const { client, token, grant } = await statsPartner(gateway, { crime: DP }, 1_000_000);
    const paths = ['semester', 'quarter', 'month', 'year'].map((period) => `/v1/stats/tables/crime?year=2025&period=${period}&protection=dp&epsilon=0.5`);
    const statuses = (await Promise.all(paths.map((p) => getStats(gateway, client, token, p)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 403, 403]);
    expect(await spends(grant.purpose)).toEqual({ n: 2, total: 1_000_000 });
    const ledger = await gatewayEnv.DB.prepare('SELECT spent_micro FROM stats_budgets WHERE consumer = ? AND purpose = ?')
      .bind(grant.agencyId, grant.purpose)
      .first<{ spent_micro: number }>();
    expect(ledger?.spent_micro).toBe(1_000_000);
  });

  it('refuses ε above what one release may spend', async () => {
    const gateway = testGateway();
    const { client, token } = await statsPartner(gateway, { crime: DP }, 5_000_000);
    const response = await getStats(gateway, client, token, '/v1/stats/tables/crime?year=2025&protection=dp&epsilon=0.6');
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('insufficient_scope');
  });
});

describe('the public tier with differential privacy', () => {
  it('spends the table’s public budget once per question, answers repeats from the register, and sets ε itself', async () => {
    const gateway = testGateway();
    await gatewayEnv.DB.prepare(
      `UPDATE stats_public SET enabled = 1, methods = '["dp"]', max_epsilon_micro = 500000, budget_micro = 1000000 WHERE table_name = 'discipline'`,
    ).run();
    const ask = (period: string) => gateway.request(`/v1/stats/public/discipline?year=2025&period=${period}`);
    const first = (await (await ask('year')).json()) as ReleaseJson;
    expect(first.protection).toMatchObject({ method: 'dp', epsilon: '0.5', budget: { spent: '0.5', limit: '1' } });
    expect(((await (await ask('year')).json()) as ReleaseJson).release).toBe(first.release);
    expect((await ask('quarter')).status).toBe(200);
    const exhausted = await ask('month');
    expect(exhausted.status).toBe(403);
    expect(((await exhausted.json()) as { code: string }).code).toBe('privacy_budget_exhausted');
    expect(await spends('public:discipline')).toEqual({ n: 2, total: 1_000_000 });
    expect((await gateway.request('/v1/stats/public/discipline?year=2025&epsilon=0.01')).status).toBe(400);
  });
});
