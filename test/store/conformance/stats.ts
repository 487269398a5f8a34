import { describe, expect, it } from 'vitest';
import type { ChangeStore } from '../../../gateway/src/store/ports/changes.js';
import type { ProtectedTableRow, ReleaseRow, StatsGrant, StatsRequest, StatsStore } from '../../../gateway/src/store/ports/stats.js';
import { anAgency, eventFor, T0, uniq } from './fixtures.js';

/** The statistics port, with the change store its changes are committed through. */
export interface StatsStores {
  readonly stats: StatsStore;
  readonly changes: ChangeStore;
}

/** Builds the statistics stores under test. */
export type MakeStatsStores = () => StatsStores | Promise<StatsStores>;

/** The table every backend holds a public tier of from the start (as the schema's first migration does). */
const SEEDED_TABLE = 'crime';

const eventsOf = async (stores: StatsStores, targetId: string) => (await stores.changes.listEvents({ targetId, limit: 1000 })).length;

const aStatsGrant = (over: Partial<StatsGrant> = {}): StatsGrant => ({
  id: uniq('sgr'),
  agencyId: 'agency',
  purpose: uniq('purpose'),
  legalBasis: 'Law 2',
  tables: { crime: { threshold: 10, methods: ['suppression', 'dp'], maxEpsilonMicro: 500_000 } },
  epsilonBudgetMicro: 2_000_000,
  notBefore: T0,
  notAfter: T0 + 86_400,
  status: 'active',
  etag: uniq('etag'),
  requestedBy: 'po-a',
  approvedBy: 'po-b',
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const aStatsRequest = (targetId: string, over: Partial<StatsRequest> = {}): StatsRequest => ({
  id: uniq('sreq'),
  kind: 'grant.create',
  targetId,
  payload: { grant: { id: targetId }, nested: [1, 2] },
  requestedBy: 'po-a',
  requestedAt: T0,
  reason: 'test',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
  ...over,
});

const aRelease = (consumer: string, over: Partial<ReleaseRow> = {}): ReleaseRow => ({
  id: uniq('srl'),
  consumer,
  purpose: 'public:crime',
  grantId: null,
  clientId: null,
  table: 'crime',
  paramsHash: uniq('params'),
  params: { level: 'province', year: 2024 },
  protection: { method: 'suppression', threshold: 10 },
  cells: 25,
  withheld: 3,
  responseHash: uniq('hash'),
  body: '{"cells":[]}',
  logIndex: 7,
  createdAt: T0,
  ...over,
});

const aProtectedTable = (table: string, over: Partial<ProtectedTableRow> = {}): ProtectedTableRow => ({
  table,
  year: 2024,
  step: 10,
  format: 1,
  dataVersion: 3,
  placesVersion: 2,
  places: ['01', '0101'],
  cells: new Uint8Array([31, 139, 8, 0, 1, 2, 3]),
  cellCount: 24,
  withheld: 4,
  computedAt: T0,
  ...over,
});

/** The contract of {@link StatsStore} and of the statistics changes, for any backend. */
export function describeStatsStoreConformance(makeStores: MakeStatsStores): void {
  describe('statistics store', () => {
    it('opens a request once per kind and target, and closes it once', async () => {
      const stores = await makeStores();
      const target = uniq('sgr');
      const request = aStatsRequest(target);
      expect((await stores.changes.commit([{ op: 'stats_request.insert', request }], eventFor(target))).ok).toBe(true);
      expect(await stores.stats.getRequest(request.id)).toEqual(request);
      expect(await stores.stats.getRequest(uniq('missing'))).toBeNull();
      expect((await stores.stats.listRequests('pending')).filter((r) => r.targetId === target)).toEqual([request]);

      // A second open request of the same kind and target: nothing changes or is logged. Another kind may wait beside it.
      const second = await stores.changes.commit([{ op: 'stats_request.insert', request: aStatsRequest(target) }], eventFor(target));
      expect(second).toEqual({ ok: false, reason: 'conflict' });
      const other = aStatsRequest(target, { kind: 'public.update', requestedAt: T0 + 1 });
      expect((await stores.changes.commit([{ op: 'stats_request.insert', request: other }], eventFor(target))).ok).toBe(true);
      expect((await stores.stats.listRequests('pending')).filter((r) => r.targetId === target).map((r) => r.id)).toEqual([other.id, request.id]);
      expect(await eventsOf(stores, target)).toBe(2);

      const closing = { id: request.id, status: 'approved' as const, by: 'po-b', at: T0 + 5 };
      expect((await stores.changes.commit([{ op: 'stats_request.close', closing }], eventFor(target))).ok).toBe(true);
      const again = await stores.changes.commit([{ op: 'stats_request.close', closing: { ...closing, status: 'rejected', by: 'po-c' } }], eventFor(target));
      expect(again).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.stats.getRequest(request.id)).toEqual({ ...request, status: 'approved', decidedBy: 'po-b', decidedAt: T0 + 5 });
      expect((await stores.stats.listRequests('approved')).map((r) => r.id)).toContain(request.id);
      expect((await stores.stats.listRequests('all')).map((r) => r.id)).toEqual(expect.arrayContaining([request.id, other.id]));
      expect(await eventsOf(stores, target)).toBe(3);
      const unknown = await stores.changes.commit([{ op: 'stats_request.close', closing: { ...closing, id: uniq('sreq') } }], eventFor(target));
      expect(unknown).toEqual({ ok: false, reason: 'conflict' });
    });

    it('creates a grant with its closing request in one unit, and changes its status only from the etag it read', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      expect((await stores.changes.commit([{ op: 'agency.insert', agency }], eventFor(agency.id))).ok).toBe(true);
      const grant = aStatsGrant({ agencyId: agency.id });
      const request = aStatsRequest(grant.id);
      await stores.changes.commit([{ op: 'stats_request.insert', request }], eventFor(grant.id));
      const closing = { id: request.id, status: 'approved' as const, by: 'po-b', at: T0 + 1 };
      const created = await stores.changes.commit(
        [
          { op: 'stats_grant.insert', grant },
          { op: 'stats_request.close', closing },
        ],
        eventFor(grant.id),
      );
      expect(created.ok).toBe(true);
      expect(await stores.stats.getGrant(grant.id)).toEqual(grant);
      expect(await stores.stats.getGrant(uniq('missing'))).toBeNull();
      expect(await stores.stats.grantsFor(agency.id, grant.purpose)).toEqual([grant]);
      expect(await stores.stats.grantsFor(grant.agencyId, uniq('other'))).toEqual([]);

      // The same grant again, or a request closed twice in a unit with a new grant: the whole unit is refused.
      const later = aStatsGrant({ agencyId: agency.id, createdAt: T0 + 10 });
      const refused = await stores.changes.commit(
        [
          { op: 'stats_grant.insert', grant: later },
          { op: 'stats_request.close', closing },
        ],
        eventFor(grant.id),
      );
      expect(refused).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.stats.getGrant(later.id)).toBeNull();
      expect((await stores.changes.commit([{ op: 'stats_grant.insert', grant }], eventFor(grant.id))).ok).toBe(false);

      const revoked: StatsGrant = { ...grant, status: 'revoked', etag: uniq('etag'), updatedAt: T0 + 20 };
      const stale = await stores.changes.commit([{ op: 'stats_grant.status', grant: revoked, expectedEtag: uniq('etag') }], eventFor(grant.id));
      expect(stale).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.stats.getGrant(grant.id)).toEqual(grant);
      expect((await stores.changes.commit([{ op: 'stats_grant.status', grant: revoked, expectedEtag: grant.etag }], eventFor(grant.id))).ok).toBe(true);
      expect(await stores.stats.getGrant(grant.id)).toEqual(revoked);
      expect(await eventsOf(stores, grant.id)).toBe(3);

      expect((await stores.changes.commit([{ op: 'stats_grant.insert', grant: later }], eventFor(later.id))).ok).toBe(true);
      const listed = (await stores.stats.listGrants()).map((g) => g.id);
      expect(listed.indexOf(later.id)).toBeLessThan(listed.indexOf(grant.id));
    });

    it('replaces a public tier only from the etag it read', async () => {
      const stores = await makeStores();
      const current = await stores.stats.getPublicSetting(SEEDED_TABLE);
      if (current === null) throw new Error(`no public tier of ${SEEDED_TABLE}`);
      expect(await stores.stats.getPublicSetting(uniq('table'))).toBeNull();
      const target = uniq('public');
      const next = {
        ...current,
        enabled: !current.enabled,
        threshold: 20,
        methods: ['suppression' as const],
        etag: uniq('etag'),
        updatedBy: 'po-a',
        updatedAt: T0,
      };
      const stale = await stores.changes.commit([{ op: 'stats_public.update', setting: next, expectedEtag: uniq('etag') }], eventFor(target));
      expect(stale).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.stats.getPublicSetting(SEEDED_TABLE)).toEqual(current);
      expect(await eventsOf(stores, target)).toBe(0);
      expect((await stores.changes.commit([{ op: 'stats_public.update', setting: next, expectedEtag: current.etag }], eventFor(target))).ok).toBe(true);
      expect(await stores.stats.getPublicSetting(SEEDED_TABLE)).toEqual(next);
      expect(await stores.stats.listPublicSettings()).toContainEqual(next);
    });

    it('spends privacy budget within the limit only, and never lets racing spends pass a limit together', async () => {
      const stores = await makeStores();
      const consumer = uniq('agency');
      const purpose = uniq('purpose');
      const spend = (epsilonMicro: number, at = T0) => ({
        id: uniq('ssp'),
        consumer,
        purpose,
        table: 'crime',
        epsilonMicro,
        limitMicro: 1_000_000,
        releaseId: uniq('srl'),
        clientId: 'client-1',
        at,
      });
      expect(await stores.stats.spentMicro(consumer, purpose)).toBe(0);
      expect(await stores.stats.spend(spend(600_000))).toEqual({ ok: true, spentMicro: 600_000 });
      expect(await stores.stats.spend(spend(500_000))).toEqual({ ok: false, spentMicro: 600_000 });
      const racing = await Promise.all([spend(300_000), spend(300_000), spend(300_000)].map((s) => stores.stats.spend(s)));
      expect(racing.filter((o) => o.ok)).toHaveLength(1);
      expect(await stores.stats.spentMicro(consumer, purpose)).toBe(900_000);
      expect(await stores.stats.spend(spend(100_000, T0 + 9))).toEqual({ ok: true, spentMicro: 1_000_000 });
      const line = (await stores.stats.listLedgers()).find((l) => l.consumer === consumer && l.purpose === purpose);
      expect(line).toEqual({ consumer, purpose, spentMicro: 1_000_000, spends: 3, lastAt: T0 + 9 });
    });

    it('keeps the register of releases and answers a kept release again only within its time', async () => {
      const stores = await makeStores();
      const consumer = uniq('public');
      const kept = aRelease(consumer, { createdAt: T0 + 100 });
      const bodiless = aRelease(consumer, { paramsHash: kept.paramsHash, body: null, createdAt: T0 + 200, id: `${kept.id}-b` });
      await stores.stats.recordRelease(kept);
      await stores.stats.recordRelease(bodiless);
      expect(await stores.stats.reusableRelease(consumer, kept.purpose, kept.paramsHash, T0 + 50)).toEqual(kept);
      expect(await stores.stats.reusableRelease(consumer, kept.purpose, kept.paramsHash, T0 + 101)).toBeNull();
      expect(await stores.stats.reusableRelease(consumer, 'other', kept.paramsHash, T0)).toBeNull();
      expect(await stores.stats.reusableRelease(uniq('public'), kept.purpose, kept.paramsHash, T0)).toBeNull();
      const listed = (await stores.stats.listReleases(1000)).filter((r) => r.consumer === consumer);
      expect(listed).toEqual([bodiless, { ...kept, body: null }]);
      await expect(stores.stats.recordRelease(kept)).rejects.toThrow();
    });

    it('replaces the place list with its event and raises its version', async () => {
      const stores = await makeStores();
      const recordType = uniq('type');
      const window = { from: '2024-01', to: '2024-12' };
      const table = { recordType, unitSearch: 'person', dimensions: [{ facet: 'month', kind: 'time' }] };
      const before = await stores.stats.finestCounts(table, 2024, window);
      expect(before.rows).toEqual([]);
      expect(before.versions.data).toBe(0);
      const target = uniq('places');
      expect((await stores.changes.commit([{ op: 'stats_places.replace', codes: ['02', '01', '0101', '010101'] }], eventFor(target))).ok).toBe(true);
      expect(await stores.stats.placeCodes()).toEqual(['01', '0101', '010101', '02']);
      const after = await stores.stats.finestCounts(table, 2024, window);
      expect(after.places).toEqual(['01', '0101', '010101', '02']);
      expect(after.versions.places).toBe(before.versions.places + 1);
      expect(await stores.stats.unitRows(table, window)).toEqual([]);
      const { current } = await stores.stats.keptProtectedTable({ table: uniq('table'), year: 2024, step: 10 }, recordType);
      expect(current).toEqual(after.versions);
    });

    it('keeps protected tables under one lease at a time, never over a table made from newer data', async () => {
      const stores = await makeStores();
      const table = uniq('table');
      const key = { table, year: 2024, step: 10 };
      expect((await stores.stats.keptProtectedTable(key, uniq('type'))).kept).toBeNull();

      const first = { table, year: 2024, holder: uniq('spl') };
      const second = { ...first, holder: uniq('spl') };
      expect(await stores.stats.takeProtectionLease(first, 1_000, 61_000)).toBe(true);
      expect(await stores.stats.takeProtectionLease(second, 2_000, 62_000)).toBe(false);
      expect(await stores.stats.protectionLeaseHeld(table, 2024, 2_000)).toBe(true);
      expect(await stores.stats.protectionLeaseHeld(table, 2023, 2_000)).toBe(false);

      const row = aProtectedTable(table);
      const lower = aProtectedTable(table, { step: 5, withheld: 2 });
      await stores.stats.keepProtectedTables([lower, row], first);
      expect(await stores.stats.protectionLeaseHeld(table, 2024, 2_000)).toBe(false);
      expect((await stores.stats.keptProtectedTable(key, uniq('type'))).kept).toEqual(row);
      expect((await stores.stats.keptProtectedTable({ ...key, step: 5 }, uniq('type'))).kept).toEqual(lower);

      // A slow computation from older data finishing later puts nothing back; newer data replace the row.
      expect(await stores.stats.takeProtectionLease(second, 3_000, 63_000)).toBe(true);
      await stores.stats.keepProtectedTables([aProtectedTable(table, { dataVersion: 2, withheld: 9 })], second);
      expect((await stores.stats.keptProtectedTable(key, uniq('type'))).kept).toEqual(row);
      const newer = aProtectedTable(table, { dataVersion: 4, withheld: 1, computedAt: T0 + 60 });
      await stores.stats.keepProtectedTables([newer], second);
      expect((await stores.stats.keptProtectedTable(key, uniq('type'))).kept).toEqual(newer);

      // A lease whose holder died is taken over once expired; giving up another's lease changes nothing.
      expect(await stores.stats.takeProtectionLease(first, 4_000, 5_000)).toBe(true);
      await stores.stats.giveUpProtectionLease(second);
      expect(await stores.stats.protectionLeaseHeld(table, 2024, 4_500)).toBe(true);
      expect(await stores.stats.takeProtectionLease(second, 5_000, 65_000)).toBe(true);
      await stores.stats.giveUpProtectionLease(second);
      expect(await stores.stats.protectionLeaseHeld(table, 2024, 5_000)).toBe(false);
    });
  });
}
