/**
 * Finding "Statistics cannot be differenced": every release a consumer can obtain — at every grain
 * (province, district, commune × year, semester, quarter, month), from every grant it holds, from the
 * public tier, and an officer's preview — is cut from one protected table, so that all of them
 * together let no withheld cell be solved; and a caller naming a lower or different threshold gets
 * nothing beyond the one protected release.
 */
import { feasibleIntervals, Table, type Hierarchy } from '@need2know/stats';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPublicSetting, updatePublicSetting } from '../../gateway/src/store/d1/stats/public-settings.js';
import { seed } from './disclosure-harness.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { getStats, hierarchiesOf, seedDemo, statsPartner, type ReleaseJson } from './stats-harness.js';

const YEAR = 2025;
const LEVELS = ['province', 'district', 'commune'] as const;
const PERIODS = ['year', 'semester', 'quarter', 'month'] as const;
/** Two provinces of two districts of two communes: small enough for the attacker's exact linear program. */
const COMMUNES = ['12', '13'].flatMap((p) => ['01', '02'].flatMap((d) => ['01', '02'].map((c) => `${p}${d}${c}`)));

/** xorshift32: the same synthetic cases on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4_294_967_296;
  };
}

/** Skewed synthetic crime cases of one year: a few busy communes and criteria, many small cells. */
function crimeCases(n: number): Record<string, unknown>[] {
  const random = rng(13_2025);
  return Array.from({ length: n }, (_, i) => {
    const commune = COMMUNES[Math.floor(random() ** 2 * COMMUNES.length)] as string;
    const month = 1 + Math.floor(random() * 12);
    return {
      id: `case-differencing-${String(i).padStart(5, '0')}`,
      case_number: `${commune.slice(0, 4)}/${YEAR}/DIF${String(i).padStart(5, '0')}`,
      criterion: 1 + Math.floor(random() ** 2 * 5),
      offence: 'Synthetic offence for the differencing test',
      occurred_on: `${YEAR}-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      place: { province: commune.slice(0, 2), district: commune.slice(0, 4), commune },
      status: 'under_investigation',
      handling_unit: 'Synthetic district police inspectorate',
      sensitivity: 'normal',
    };
  });
}

beforeAll(async () => {
  await seed('case', crimeCases(260));
}, 60_000);

/** Opens the crime table's public tier at `threshold`, as two officers would have left it. */
async function openPublicTier(threshold: number): Promise<void> {
  const current = await getPublicSetting(gatewayEnv.DB, 'crime');
  if (current === null) throw new Error('no public setting for crime');
  await updatePublicSetting(
    gatewayEnv.DB,
    { ...current, enabled: true, threshold, methods: ['suppression'], etag: `${current.etag}-open`, updatedBy: 'officer-b', updatedAt: current.updatedAt + 1 },
    current.etag,
  ).run();
}

/** The finest table's cells as the union of what `docs` published (null: withheld in every one); two releases never disagree. */
function union(finest: Table, docs: readonly ReleaseJson[]): (number | null)[] {
  const known = new Array<number | null>(finest.size).fill(null);
  for (const doc of docs) {
    const names = doc.dimensions.map((d) => d.name);
    for (const cell of doc.cells) {
      if (cell.count === null) continue;
      const at = finest.index(names.map((n, i) => (finest.dims[i] as Hierarchy).indexOf(String(cell[n]))));
      if (known[at] !== null) expect(known[at], `two releases disagree on ${names.map((n) => cell[n]).join('|')}`).toBe(cell.count);
      known[at] = cell.count as number;
    }
  }
  return known;
}

describe('Statistics cannot be differenced', () => {
  it('many releases at every grain, from two grants, the public tier and a preview, together solve no withheld cell', async () => {
    const gateway = testGateway();
    await openPublicTier(15);
    const low = await statsPartner(gateway, { crime: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 } });
    // The same agency under a second purpose, at another threshold: one more release of each grain.
    const high = await statsPartner(gateway, { crime: { threshold: 10, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const docs: ReleaseJson[] = [];
    for (const level of LEVELS) {
      for (const period of PERIODS) {
        const query = `level=${level}&period=${period}&year=${YEAR}`;
        for (const { client, token } of [low, high]) {
          const response = await getStats(gateway, client, token, `/v1/stats/tables/crime?${query}`);
          expect(response.status).toBe(200);
          docs.push((await response.json()) as ReleaseJson);
          docs.push((await (await getStats(gateway, client, token, `/v1/stats/tables/crime?${query}&province=12`)).json()) as ReleaseJson);
        }
        const published = await gateway.request(`/v1/stats/public/crime?${query}`);
        expect(published.status).toBe(200);
        docs.push((await published.json()) as ReleaseJson);
        const preview = await officer('GET', `/stats/tables/crime/preview?${query}`);
        expect(preview.status).toBe(200);
        docs.push((await preview.json()) as ReleaseJson);
      }
    }
    expect(new Set(docs.map((d) => d.protection.threshold))).toEqual(new Set([5, 10, 15]));
    // The attacker's model: the commune × month table, with every published figure of every release.
    const finestDoc = docs.find((d) => d.parameters.level === 'commune' && d.parameters.period === 'month');
    if (finestDoc === undefined) throw new Error('no commune × month release');
    const finest = new Table(hierarchiesOf(finestDoc));
    const published = union(finest, docs);
    const withheld = published.filter((v) => v === null).length;
    expect(withheld).toBeGreaterThan(0);
    const solved = feasibleIntervals(finest.dims, published).filter(({ min, max }) => max - min < 1 - 1e-6);
    expect(
      solved.map(({ cell }) =>
        finest
          .coords(cell)
          .map((n, d) => finest.dims[d]?.codes[n])
          .join('|'),
      ),
    ).toEqual([]);
  }, 240_000);

  it('a caller naming a lower or different threshold gets nothing beyond the one protected release', async () => {
    const gateway = testGateway();
    await openPublicTier(10);
    const { client, token } = await statsPartner(gateway, { crime: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const base = `/v1/stats/tables/crime?level=district&period=quarter&year=${YEAR}`;
    const granted = (await (await getStats(gateway, client, token, base)).json()) as ReleaseJson;
    expect(granted.protection).toMatchObject({ method: 'suppression', threshold: 5 });
    for (const threshold of [1, 2, 3, 4, 6, 10, 40]) {
      const refused = await getStats(gateway, client, token, `${base}&threshold=${threshold}`);
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { code: string; issues?: Array<{ path: string; code: string }>; cells?: unknown };
      expect(body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'threshold', code: 'fixed_by_grant' }] });
      expect(body.cells).toBeUndefined();
    }
    // Naming the granted threshold is the same release, cell for cell.
    const named = (await (await getStats(gateway, client, token, `${base}&threshold=5`)).json()) as ReleaseJson;
    expect(named.cells).toEqual(granted.cells);

    // The public tier and the officers' preview hold to the tier's threshold the same way.
    for (const threshold of [5, 9, 20]) {
      const refused = await gateway.request(`/v1/stats/public/crime?level=province&year=${YEAR}&threshold=${threshold}`);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { code: string }).code).toBe('validation_failed');
    }
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    expect((await officer('GET', `/stats/tables/crime/preview?level=province&year=${YEAR}&threshold=5`)).status).toBe(400);
    const preview = (await (await officer('GET', `/stats/tables/crime/preview?level=province&year=${YEAR}`)).json()) as ReleaseJson;
    expect(preview.protection).toMatchObject({ threshold: 10 });
  }, 120_000);

  it('officers set thresholds on the fixed steps only, so what is granted is what is released', async () => {
    const gateway = testGateway();
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const iso = (s: number) => new Date(s * 1000).toISOString();
    const grant = await officer('POST', '/stats/grants', {
      agency_id: await createAgency(),
      purpose: 'safety-report-steps',
      legal_basis: 'Sub-decree on safe villages and communes, art. 9',
      tables: { crime: { threshold: 12, methods: ['suppression'] } },
      not_before: iso(gateway.clock.now - 60),
      not_after: iso(gateway.clock.now + 86_400),
      reason: 'a threshold between steps',
    });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { issues: Array<{ path: string; code: string }> }).issues).toContainEqual(
      expect.objectContaining({ path: 'tables.crime.threshold', code: 'not_a_step' }),
    );
    const tier = await officer('PUT', '/stats/tables/crime/public', { enabled: false, threshold: 12, methods: ['suppression'], reason: 'between steps' });
    expect(tier.status).toBe(400);
    expect(((await tier.json()) as { issues: Array<{ code: string }> }).issues.map((i) => i.code)).toEqual(['not_a_step']);
  });

  it('a week table is protected per ISO year: overlapping ranges are parts of one release', async () => {
    await seedDemo(150, 'stats-differencing');
    const gateway = testGateway();
    const { client, token } = await statsPartner(gateway, { health: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const a = (await (await getStats(gateway, client, token, '/v1/stats/tables/health?level=province&from=2026-W10&to=2026-W20')).json()) as ReleaseJson;
    const b = (await (await getStats(gateway, client, token, '/v1/stats/tables/health?level=province&from=2026-W15&to=2026-W30')).json()) as ReleaseJson;
    expect(a.cells.some((c) => c.count === null)).toBe(true);
    // The total above the weeks is the ISO year's in both, never a range's own sum.
    expect(a.dimensions.find((d) => d.name === 'period')?.nodes[0]).toEqual({ code: '2026', level: 'year', parent: null });
    const key = (c: Record<string, unknown>) => `${c.result}|${c.place}|${c.period}`;
    const inB = new Map(b.cells.map((c) => [key(c), c.count]));
    for (const cell of a.cells) if (inB.has(key(cell))) expect(inB.get(key(cell))).toBe(cell.count);
    const across = await getStats(gateway, client, token, '/v1/stats/tables/health?level=province&from=2025-W50&to=2026-W05');
    expect(across.status).toBe(400);
  }, 120_000);
});
