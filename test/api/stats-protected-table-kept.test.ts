/**
 * Statistics releases re-protected the finest table on every request (seconds of work per anonymous
 * call on the country's place list). The protected finest table is now kept per table, year, step and
 * version of the data, and every release until the data change is cut from it: a release from the
 * kept table is the one a fresh protection gives, an ingest that changes the table's data makes the
 * next release protect it again, a table kept for older data is never used, and concurrent first
 * requests protect it once.
 */
import { describe, expect, it } from 'vitest';
import { protectedTableRuns, storeProtectedTableStatement, type ProtectedTableRow } from '../../gateway/src/store/d1/stats/protected-tables.js';
import { getPublicSetting, updatePublicSetting } from '../../gateway/src/store/d1/stats/public-settings.js';
import { seed } from './disclosure-harness.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';
import { getStats, seedDemo, statsPartner, type ReleaseJson } from './stats-harness.js';

type Gateway = ReturnType<typeof testGateway>;

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

/** One synthetic crime case of `year` in `commune`, month `month`. */
function crimeCase(id: string, year: number, commune: string, month: number, criterion = 1): Record<string, unknown> {
  return {
    id,
    case_number: `${commune.slice(0, 4)}/${year}/${id.slice(-8)}`,
    criterion,
    offence: 'Synthetic offence for the kept-table test',
    occurred_on: `${year}-${String(month).padStart(2, '0')}-15`,
    place: { province: commune.slice(0, 2), district: commune.slice(0, 4), commune },
    status: 'under_investigation',
    handling_unit: 'Synthetic district police inspectorate',
    sensitivity: 'normal',
  };
}

/** `n` skewed synthetic cases of `year`: a few busy communes and criteria, many small cells. */
async function seedYear(year: number, n: number): Promise<void> {
  const random = rng(year);
  const cases = Array.from({ length: n }, (_, i) =>
    crimeCase(
      `case-kept-${year}-${String(i).padStart(5, '0')}`,
      year,
      COMMUNES[Math.floor(random() ** 2 * COMMUNES.length)] as string,
      1 + Math.floor(random() * 12),
      1 + Math.floor(random() ** 2 * 5),
    ),
  );
  await seed('case', cases);
}

/** What a release publishes, without its id and time. */
const content = (doc: ReleaseJson) => ({ parameters: doc.parameters, protection: doc.protection, dimensions: doc.dimensions, cells: doc.cells });

/** The grand total a release publishes. */
function grandTotal(doc: ReleaseJson): number | null {
  const roots = Object.fromEntries(doc.dimensions.map((d) => [d.name, d.nodes.find((n) => n.parent === null)?.code]));
  const cell = doc.cells.find((c) => doc.dimensions.every((d) => c[d.name] === roots[d.name]));
  return (cell?.count ?? null) as number | null;
}

/** A partner at `threshold` for crime, and a way to ask it for a grain of `year`. */
async function partner(gateway: Gateway, threshold: number) {
  const { client, token } = await statsPartner(gateway, { crime: { threshold, methods: ['suppression'], maxEpsilonMicro: 0 } });
  return async (year: number, level = 'district', period = 'quarter'): Promise<ReleaseJson> => {
    const response = await getStats(gateway, client, token, `/v1/stats/tables/crime?level=${level}&period=${period}&year=${year}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ReleaseJson;
  };
}

/** Computations stored for crime of `year` at `step` (0 when none). */
async function runs(year: number, step: number): Promise<number> {
  return (await protectedTableRuns(gatewayEnv.DB, 'crime', year)).find((r) => r.step === step)?.runs ?? 0;
}

describe('Statistics releases are cut from a kept protected table', () => {
  it('a release from the kept table is identical to the first and to one protected afresh, at every grain and step below', async () => {
    const gateway = testGateway();
    await seedYear(2021, 240);
    const ask = await partner(gateway, 10);
    const cold = await ask(2021, 'commune', 'month');
    expect(await runs(2021, 10)).toBe(1);
    // The steps below were protected in the same computation: a grant at 5 needs no other.
    expect((await protectedTableRuns(gatewayEnv.DB, 'crime', 2021)).map((r) => r.step)).toEqual([3, 5, 10]);
    const warm = await ask(2021, 'commune', 'month');
    expect(content(warm)).toEqual(content(cold));
    expect(warm.release).not.toBe(cold.release);
    const coarse = await ask(2021, 'province', 'year');
    const low = await (await partner(gateway, 5))(2021, 'district', 'month');
    expect(low.protection).toMatchObject({ method: 'suppression', threshold: 5 });
    expect(await runs(2021, 10)).toBe(1);
    expect(await runs(2021, 5)).toBe(1);

    // Forget every kept table: protecting afresh gives the same releases, cell for cell.
    await gatewayEnv.DB.prepare('DELETE FROM stats_protected_tables').run();
    expect(content(await ask(2021, 'commune', 'month'))).toEqual(content(cold));
    expect(content(await ask(2021, 'province', 'year'))).toEqual(content(coarse));
    expect(content(await (await partner(gateway, 5))(2021, 'district', 'month'))).toEqual(content(low));
  }, 120_000);

  it('an ingest that changes the table protects it again; one of another year does not', async () => {
    const gateway = testGateway();
    await seedYear(2022, 200);
    const ask = await partner(gateway, 10);
    const before = await ask(2022, 'province', 'month');
    expect(await runs(2022, 10)).toBe(1);

    await seed('case', [crimeCase('case-kept-other-year', 2020, '120101', 3)]);
    expect(content(await ask(2022, 'province', 'month'))).toEqual(content(before));
    expect(await runs(2022, 10)).toBe(1);

    await seed('case', [crimeCase('case-kept-2022-new', 2022, '120101', 3)]);
    const after = await ask(2022, 'province', 'month');
    expect(await runs(2022, 10)).toBe(2);
    expect(grandTotal(after)).toBe((grandTotal(before) as number) + 1);
    // And what was protected again is what protecting afresh gives.
    await gatewayEnv.DB.prepare('DELETE FROM stats_protected_tables').run();
    expect(content(await ask(2022, 'province', 'month'))).toEqual(content(after));
  }, 120_000);

  it('a correction moving a case to another year protects both years again', async () => {
    const gateway = testGateway();
    await seedYear(2023, 150);
    await seedYear(2024, 150);
    const ask = await partner(gateway, 10);
    const old2023 = grandTotal(await ask(2023));
    const old2024 = grandTotal(await ask(2024));
    const moved = crimeCase('case-kept-2023-00007', 2024, '130202', 6, 2);
    await seed('case', [moved]);
    expect(grandTotal(await ask(2023))).toBe((old2023 as number) - 1);
    expect(grandTotal(await ask(2024))).toBe((old2024 as number) + 1);
    expect(await runs(2023, 10)).toBe(2);
    expect(await runs(2024, 10)).toBe(2);
  }, 120_000);

  it('a table kept for older data is never served, nor put back over a newer one', async () => {
    const gateway = testGateway();
    await seedYear(2019, 180);
    const ask = await partner(gateway, 10);
    const before = await ask(2019, 'commune', 'month');
    const oldRow = await gatewayEnv.DB.prepare("SELECT * FROM stats_protected_tables WHERE table_name = 'crime' AND year = 2019 AND step = 10").first<
      Record<string, unknown>
    >();
    if (oldRow === null) throw new Error('no kept table');
    const stale: ProtectedTableRow = {
      table: 'crime',
      year: 2019,
      step: 10,
      format: Number(oldRow.format),
      dataVersion: Number(oldRow.data_version),
      placesVersion: Number(oldRow.places_version),
      places: JSON.parse(String(oldRow.places)) as string[],
      cells: Uint8Array.from(oldRow.cells as number[]),
      cellCount: Number(oldRow.cell_count),
      withheld: Number(oldRow.withheld),
      computedAt: Number(oldRow.computed_at),
    };

    await seed('case', [crimeCase('case-kept-2019-new', 2019, '130101', 11, 4)]);
    const after = await ask(2019, 'commune', 'month');
    expect(grandTotal(after)).toBe((grandTotal(before) as number) + 1);
    // A slow computation of the old data finishing late does not replace the newer table…
    await storeProtectedTableStatement(gatewayEnv.DB, stale).run();
    const kept = await gatewayEnv.DB.prepare("SELECT data_version FROM stats_protected_tables WHERE table_name = 'crime' AND year = 2019 AND step = 10").first<{
      data_version: number;
    }>();
    expect(kept?.data_version).toBeGreaterThan(stale.dataVersion);
    // …and when a table for the old data is all there is, it is not used: the release is of the data now.
    await gatewayEnv.DB.prepare("DELETE FROM stats_protected_tables WHERE table_name = 'crime' AND year = 2019").run();
    await storeProtectedTableStatement(gatewayEnv.DB, stale).run();
    const again = await ask(2019, 'commune', 'month');
    expect(content(again)).toEqual(content(after));
    expect(content(again)).not.toEqual(content(before));
  }, 120_000);

  it('a new place list protects every table again', async () => {
    const gateway = testGateway();
    await seedYear(2018, 120);
    const ask = await partner(gateway, 10);
    const before = await ask(2018, 'commune', 'year');
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    expect(
      (await officer('PUT', '/stats/places', { codes: ['12', '1201', '120101', '120102', '120103', '14', '1401', '140101'], reason: 'place list 2018' }))
        .status,
    ).toBe(200);
    const after = await ask(2018, 'commune', 'year');
    expect(await runs(2018, 10)).toBe(2);
    const places = (doc: ReleaseJson) => doc.dimensions.find((d) => d.name === 'place')?.nodes.map((n) => n.code) ?? [];
    expect(places(after)).toContain('140101');
    expect(places(before)).not.toContain('140101');
  }, 120_000);

  it('concurrent first requests, public and granted, protect the table once', async () => {
    const gateway = testGateway();
    await seedYear(2017, 200);
    const current = await getPublicSetting(gatewayEnv.DB, 'crime');
    if (current === null) throw new Error('no public setting for crime');
    await updatePublicSetting(
      gatewayEnv.DB,
      {
        ...current,
        enabled: true,
        threshold: 10,
        methods: ['suppression'],
        etag: `${current.etag}-kept`,
        updatedBy: 'officer-b',
        updatedAt: current.updatedAt + 1,
      },
      current.etag,
    ).run();
    const ask = await partner(gateway, 10);
    const publicRelease = async (query: string) => {
      const response = await gateway.request(`/v1/stats/public/crime?${query}&year=2017`);
      expect(response.status).toBe(200);
      return (await response.json()) as ReleaseJson;
    };
    const docs = await Promise.all([
      ask(2017, 'commune', 'month'),
      ask(2017, 'commune', 'month'),
      ask(2017, 'province', 'quarter'),
      publicRelease('level=commune&period=month'),
      publicRelease('level=district&period=semester'),
      publicRelease('level=province&period=year'),
    ]);
    expect(await runs(2017, 10)).toBe(1);
    expect(content(docs[1] as ReleaseJson)).toEqual(content(docs[0] as ReleaseJson));
    expect((docs[3] as ReleaseJson).cells).toEqual((docs[0] as ReleaseJson).cells);
    const lease = await gatewayEnv.DB.prepare("SELECT count(*) AS n FROM stats_protection_leases WHERE table_name = 'crime' AND year = 2017").first<{
      n: number;
    }>();
    expect(lease?.n).toBe(0);
  }, 120_000);

  it('a lease left by a computation that died is taken over once it has expired', async () => {
    const gateway = testGateway();
    await seedYear(2016, 100);
    await gatewayEnv.DB.prepare("INSERT INTO stats_protection_leases (table_name, year, holder, expires_at) VALUES ('crime', 2016, 'spl_died', ?)")
      .bind(Date.now() - 1)
      .run();
    const doc = await (await partner(gateway, 10))(2016);
    expect(doc.protection).toMatchObject({ method: 'suppression', threshold: 10 });
    expect(await runs(2016, 10)).toBe(1);
  }, 60_000);

  it('a week table is kept per ISO year, and protected again when a test of that ISO year arrives', async () => {
    const gateway = testGateway();
    const data = await seedDemo(150, 'kept-health');
    const { client, token } = await statsPartner(gateway, { health: { threshold: 5, methods: ['suppression'], maxEpsilonMicro: 0 } });
    const ask = async (from: string, to: string) => {
      const response = await getStats(gateway, client, token, `/v1/stats/tables/health?level=province&from=${from}&to=${to}`);
      expect(response.status).toBe(200);
      return (await response.json()) as ReleaseJson;
    };
    const healthRuns = async () => (await protectedTableRuns(gatewayEnv.DB, 'health', 2026)).find((r) => r.step === 5)?.runs ?? 0;
    const before = await ask('2026-W05', '2026-W20');
    expect(content(await ask('2026-W05', '2026-W20'))).toEqual(content(before));
    await ask('2026-W10', '2026-W30');
    expect(await healthRuns()).toBe(1);
    const template = data.healthCaseAt(0) as unknown as Record<string, unknown>;
    await seed('health_case', [{ ...template, id: `${String(template.id)}-kept`, test_date: '2026-03-10' }]);
    const after = await ask('2026-W05', '2026-W20');
    expect(await healthRuns()).toBe(2);
    expect(grandTotal(after)).toBe((grandTotal(before) as number) + 1);
    await gatewayEnv.DB.prepare("DELETE FROM stats_protected_tables WHERE table_name = 'health'").run();
    expect(content(await ask('2026-W05', '2026-W20'))).toEqual(content(after));
  }, 120_000);

  it('a table over the cell limit is refused with advice that helps: a coarser grain is cut from the same finest table', async () => {
    const gateway = testGateway();
    await seedYear(2015, 20);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    // About 4,000 communes: the finest crime table (criteria × places × 19 periods) passes the cell limit.
    const districts = Array.from({ length: 99 }, (_, d) => `12${String(d + 1).padStart(2, '0')}`);
    const codes = ['12', ...districts, ...districts.flatMap((d) => Array.from({ length: 40 }, (_, c) => `${d}${String(c + 1).padStart(2, '0')}`))];
    expect((await officer('PUT', '/stats/places', { codes, reason: 'an overlong place list' })).status).toBe(200);
    try {
      const { client, token } = await statsPartner(gateway, { crime: { threshold: 10, methods: ['suppression'], maxEpsilonMicro: 0 } });
      const refused = await getStats(gateway, client, token, '/v1/stats/tables/crime?level=province&period=year&year=2015');
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { code: string; detail: string; issues: Array<{ path: string; code: string }> };
      expect(body.code).toBe('validation_failed');
      expect(body.issues).toMatchObject([{ path: 'protection', code: 'too_many_cells' }]);
      expect(body.detail).not.toMatch(/choose a coarser/);
      expect(body.detail).toMatch(/coarser level or period does not help/);
    } finally {
      expect((await officer('PUT', '/stats/places', { codes: ['12', '1201', '120101'], reason: 'back to a short list' })).status).toBe(200);
    }
  }, 60_000);
});
