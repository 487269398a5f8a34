/**
 * Statistics releases end to end: an agency under a statistics grant gets the tables it was granted,
 * exactly as a plain recount when protection is off, with no small cell and no recoverable withheld
 * cell when it is on; every release is in the tamper-evident log; CSV and chart series.
 */
import type { Dataset } from '@need2know/demo-data';
import { canonicalJson } from '@need2know/schema';
import { feasibleIntervals, Table } from '@need2know/stats';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { sha256b64url } from '../../gateway/src/platform/lib/digest.js';
import { gatewayEnv, testGateway } from './harness.js';
import { logInclusion } from './log-harness.js';
import { getStats, hierarchiesOf, seedDemo, statsPartner, type ReleaseJson } from './stats-harness.js';

let data: Dataset;
beforeAll(async () => {
  data = await seedDemo(600);
}, 120_000);

const quarter = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

describe('protection off', () => {
  it('gives exactly the plain recount of the demo data, at every level', async () => {
    const gateway = testGateway();
    const { client, token } = await statsPartner(gateway, { crime: { threshold: 1, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const response = await getStats(gateway, client, token, '/v1/stats/tables/crime?level=district&period=quarter&year=2025');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as ReleaseJson;
    expect(doc.protection).toMatchObject({ method: 'suppression', threshold: 1, withheld: 0 });
    // A plain recount straight from the generator, every total included.
    const recount = new Map<string, number>();
    const add = (k: string) => recount.set(k, (recount.get(k) ?? 0) + 1);
    for (const c of data.cases) {
      if (!c.occurred_on.startsWith('2025')) continue;
      for (const criterion of [String(c.criterion), 'all'])
        for (const place of ['all', c.place.province, c.place.district])
          for (const period of ['2025', `2025-H${Number(c.occurred_on.slice(5, 7)) <= 6 ? 1 : 2}`, quarter(c.occurred_on)])
            add(`${criterion}|${place}|${period}`);
    }
    let total = 0;
    for (const cell of doc.cells) {
      expect(cell.count, `${cell.criterion}|${cell.place}|${cell.period}`).toBe(recount.get(`${cell.criterion}|${cell.place}|${cell.period}`) ?? 0);
      total++;
    }
    expect(total).toBeGreaterThan(1000);
    expect(doc.cells.find((c) => c.criterion === 'all' && c.place === 'all' && c.period === '2025')?.count).toBe(recount.get('all|all|2025'));
  });
});

describe('small-cell suppression', () => {
  it('publishes no count below the threshold, and no withheld cell can be solved for from the published table', async () => {
    const gateway = testGateway();
    const { client, token } = await statsPartner(gateway, {
      crime: { threshold: 10, methods: ['suppression'], maxEpsilonMicro: 0 },
      discipline: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 },
    });
    for (const path of ['/v1/stats/tables/crime?level=province&period=semester&year=2025', '/v1/stats/tables/discipline?period=quarter&year=2025']) {
      const doc = (await (await getStats(gateway, client, token, path)).json()) as ReleaseJson;
      const threshold = doc.protection.threshold as number;
      const values = doc.cells.map((c) => c.count as number | null);
      for (const v of values) if (v !== null) expect(v === 0 || v >= threshold).toBe(true);
      expect(values.filter((v) => v === null).length).toBeGreaterThan(0);
      // Lay the published cells out in the table's own numbering and attack them.
      const dims = hierarchiesOf(doc);
      const shape = new Table(dims);
      const published = new Array<number | null>(shape.size).fill(0);
      const names = doc.dimensions.map((d) => d.name);
      for (const cell of doc.cells) published[shape.index(names.map((n, i) => dims[i]?.indexOf(String(cell[n])) ?? -1))] = cell.count as number | null;
      for (const { min, max } of feasibleIntervals(dims, published)) expect(max - min).toBeGreaterThanOrEqual(1 - 1e-6);
    }
  }, 60_000);
});

describe('the release record', () => {
  it('is in the tamper-evident log with its parameters and the hash of what left', async () => {
    const gateway = testGateway();
    const { client, token, grant } = await statsPartner(gateway, { health: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const doc = (await (await getStats(gateway, client, token, '/v1/stats/tables/health?level=province&from=2026-W10&to=2026-W20')).json()) as ReleaseJson;
    const row = await gatewayEnv.DB.prepare('SELECT log_index FROM stats_releases WHERE id = ?').bind(doc.release).first<{ log_index: number }>();
    expect(row).not.toBeNull();
    const log = auditLog(gatewayEnv);
    const found = await logInclusion(log, row?.log_index ?? -1, await log.size());
    expect(found?.entry).toMatchObject({
      kind: 'stats_release',
      id: doc.release,
      consumer: grant.agencyId,
      purpose: grant.purpose,
      client: client.id,
      grant: grant.id,
      table: 'health',
      parameters: { level: 'province', from: '2026-W10', to: '2026-W20' },
      protection: { method: 'suppression', threshold: 5 },
      response_hash: await sha256b64url(canonicalJson(doc)),
    });
  });
});

describe('formats', () => {
  it('gives CSV with one row per cell, and the series a stacked bar chart needs', async () => {
    const gateway = testGateway();
    const { client, token } = await statsPartner(gateway, { crime: { threshold: 3, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const csv = await getStats(gateway, client, token, '/v1/stats/tables/crime?level=province&period=month&year=2025&province=12&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('criterion,criterion_level,place,place_level,period,period_level,count,status');
    expect(lines.length - 1).toBe(6 * 1 * 19);
    expect(lines.slice(1).every((l) => /^(\d|all),(criterion|all),12,province,2025(-\w+)?,\w+,\d*,(published|withheld)$/.test(l))).toBe(true);

    const series = (await (
      await getStats(gateway, client, token, '/v1/stats/tables/crime?level=province&period=month&year=2025&province=12&shape=series')
    ).json()) as {
      series: { place: string; group: string; periods: string[]; groups: Array<{ code: string; counts: Array<number | null> }>; totals: Array<number | null> };
    };
    expect(series.series.place).toBe('12');
    expect(series.series.group).toBe('criterion');
    expect(series.series.periods).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(series.series.groups.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5']);
    // Stacks add up to the bar wherever nothing is withheld.
    series.series.totals.forEach((total, m) => {
      const parts = series.series.groups.map((g) => g.counts[m]);
      if (total !== null && parts.every((p) => p !== null)) expect(parts.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(total);
    });
  });

  it('refuses parameters that do not fit the table, and tables the token does not open', async () => {
    const gateway = testGateway();
    const { client, token } = await statsPartner(gateway, { crime: { threshold: 10, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const bad = await getStats(gateway, client, token, '/v1/stats/tables/crime?level=province&from=2026-W01&to=2026-W02');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('validation_failed');
    expect((await getStats(gateway, client, token, '/v1/stats/tables/discipline?year=2025')).status).toBe(403);
    expect((await getStats(gateway, client, token, '/v1/stats/tables/crime?year=2025&protection=dp&epsilon=0.5')).status).toBe(403);
  });
});
