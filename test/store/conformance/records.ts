import type { RowScopeFilter } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import type { CommitVersion, NewVersion, RecordStore } from '../../../gateway/src/store/ports/records.js';
import type { StatsStore } from '../../../gateway/src/store/ports/stats.js';
import { T0, uniq } from './fixtures.js';

/** The records port, with the statistics port whose data versions a commit raises. */
export interface RecordStores {
  readonly records: RecordStore;
  readonly stats: StatsStore;
}

/** Builds the record stores under test. */
export type MakeRecordStores = () => RecordStores | Promise<RecordStores>;

/** A record type no other test writes (a store holds any type name; the schema is the services' business). */
const aType = () => uniq('t').replaceAll('-', '_');

/** A version as a store holds it: the envelopes are opaque text here. */
const aVersion = (
  id: string,
  version: number,
  over: { facets?: Record<string, unknown>; plain?: Record<string, unknown>; keyVersion?: number } = {},
): NewVersion => ({
  id,
  version,
  sealed: {
    sealed: { name: `envelope-${id}-${version}` },
    plain: over.plain ?? {},
    facets: over.facets ?? { month: '2024-03', commune: '120101' },
    tags: [['phone', `tag-${id}-${version}`]],
    keyVersion: over.keyVersion ?? 1,
  },
});

const toCommit = (v: NewVersion): CommitVersion => ({ id: v.id, version: v.version, tags: v.sealed.tags });

const write = (stores: RecordStores, type: string, versions: readonly NewVersion[], at = T0) =>
  stores.records.writePending({ type, owner: 'owner-a', by: 'loader', at, versions });

const commit = (stores: RecordStores, type: string, versions: readonly NewVersion[], facet: string | null = null) =>
  stores.records.commitVersions(type, facet, versions.map(toCommit));

const ALL_PLACES: RowScopeFilter = { none: false, placeFacet: 'commune', places: ['12'], dateFacet: 'month', min: '2024-01', max: '2024-06' };

/** The contract of {@link RecordStore}, for any backend. */
export function describeRecordStoreConformance(makeStores: MakeRecordStores): void {
  describe('record store', () => {
    it('keeps a pending version unread until it is committed, then reads it current and finds it by its tag', async () => {
      const stores = await makeStores();
      const type = aType();
      const v1 = aVersion('r1', 1);
      expect(await write(stores, type, [v1])).toBe(true);
      expect(await stores.records.currentRecords(type, ['r1'])).toEqual([]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-r1-1', 10)).toEqual([]);
      expect(await stores.records.recordVersions(type, 'r1')).toEqual([]);
      expect(await stores.records.ingestTargets(type, ['r1'])).toMatchObject([{ id: 'r1', version: 1, pending: true, owner: 'owner-a' }]);

      await commit(stores, type, [v1]);
      const [row] = await stores.records.currentRecords(type, ['r1', 'missing']);
      expect(row).toEqual({
        type,
        id: 'r1',
        version: 1,
        owner: 'owner-a',
        sealed: v1.sealed.sealed,
        plain: {},
        facets: v1.sealed.facets,
        keyVersion: 1,
        ingestedAt: T0,
        ingestedBy: 'loader',
        pending: false,
      });
      expect(await stores.records.idsByTag(type, 'phone', 'tag-r1-1', 10)).toEqual(['r1']);
      expect(await stores.records.currentRecordsByTag(type, 'phone', 'tag-r1-1', 10)).toEqual([row]);
      expect(await stores.records.recordVersions(type, 'r1')).toEqual([row]);
      expect(await stores.records.ingestTargets(type, ['r1'])).toEqual([row]);
      expect(await stores.records.currentRecords(type, [])).toEqual([]);
    });

    it('writes a batch of pending versions all or nothing: a version number taken refuses the whole batch', async () => {
      const stores = await makeStores();
      const type = aType();
      expect(await write(stores, type, [aVersion('r1', 1)])).toBe(true);
      expect(await write(stores, type, [aVersion('r2', 1), aVersion('r1', 1)])).toBe(false);
      expect((await stores.records.ingestTargets(type, ['r1', 'r2'])).map((r) => r.id)).toEqual(['r1']);
      expect(await write(stores, type, [])).toBe(true);
    });

    it('makes a newer version current in place of the old, with its tags, keeping the old for audit; a retry changes nothing', async () => {
      const stores = await makeStores();
      const type = aType();
      const v1 = aVersion('r1', 1);
      const v2 = aVersion('r1', 2, { facets: { month: '2024-04', commune: '120102' } });
      await write(stores, type, [v1]);
      await commit(stores, type, [v1]);
      await write(stores, type, [v2], T0 + 10);
      await commit(stores, type, [v2]);
      await commit(stores, type, [v2]);
      expect((await stores.records.currentRecords(type, ['r1'])).map((r) => r.version)).toEqual([2]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-r1-1', 10)).toEqual([]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-r1-2', 10)).toEqual(['r1']);
      expect((await stores.records.recordVersions(type, 'r1')).map((r) => [r.version, r.ingestedAt])).toEqual([
        [1, T0],
        [2, T0 + 10],
      ]);
    });

    it('never lets an older pending version replace a newer current one: it stays pending, unread', async () => {
      const stores = await makeStores();
      const type = aType();
      const v2 = aVersion('r1', 2);
      const v3 = aVersion('r1', 3);
      await write(stores, type, [v2, aVersion('r2', 1)]);
      await write(stores, type, [v3]);
      await commit(stores, type, [v3]);
      await commit(stores, type, [v2]);
      expect((await stores.records.currentRecords(type, ['r1'])).map((r) => r.version)).toEqual([3]);
      expect((await stores.records.ingestTargets(type, ['r1'])).map((r) => [r.version, r.pending])).toEqual([
        [2, true],
        [3, false],
      ]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-r1-2', 10)).toEqual([]);
    });

    it('raises the data version of the statistics counting the committed records, in the same commit', async () => {
      const stores = await makeStores();
      const type = aType();
      const table = { recordType: type, unitSearch: 'phone', dimensions: [{ facet: 'month', kind: 'time' }] };
      const window = { from: '2024-01', to: '2024-12' };
      const before = await stores.stats.finestCounts(table, 2024, window);
      const v1 = aVersion('r1', 1);
      await write(stores, type, [v1, aVersion('r2', 1, { facets: { month: '2025-01' } })]);
      await commit(stores, type, [v1, aVersion('r2', 1)], 'month');
      const after = await stores.stats.finestCounts(table, 2024, window);
      expect(after.versions.data).toBe(before.versions.data + 1);
      expect(after.rows).toEqual([{ values: ['2024-03'], count: 1 }]);
      expect((await stores.stats.finestCounts(table, 2025, { from: '2025-01', to: '2025-12' })).versions.data).toBe(1);
      expect(await stores.stats.unitRows(table, window)).toEqual([{ unit: 'p:tag-r1-1', key: 'r1', values: ['2024-03'] }]);
      // Without a time facet, no statistics count the type: nothing is raised.
      const v2 = aVersion('r1', 2);
      await write(stores, type, [v2]);
      await commit(stores, type, [v2]);
      expect((await stores.stats.finestCounts(table, 2024, window)).versions.data).toBe(after.versions.data);
    });

    it('leaves records outside a row scope filter, a hide mark or the ids asked for out of the read itself', async () => {
      const stores = await makeStores();
      const type = aType();
      const inside = aVersion('in', 1, { facets: { month: '2024-02', commune: '120101' } });
      const elsewhere = aVersion('out-place', 1, { facets: { month: '2024-02', commune: '130101' } });
      const later = aVersion('out-date', 1, { facets: { month: '2024-09', commune: '120101' } });
      const hidden = aVersion('hidden', 1, { plain: { sensitivity: 'sensitive' } });
      const all = [inside, elsewhere, later, hidden];
      await write(stores, type, all);
      await commit(stores, type, all);
      const ids = all.map((v) => v.id);
      expect((await stores.records.currentRecords(type, ids, ALL_PLACES)).map((r) => r.id).sort()).toEqual(['hidden', 'in']);
      expect(await stores.records.currentRecords(type, ids, { ...ALL_PLACES, none: true })).toEqual([]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-out-place-1', 10, undefined, null, ALL_PLACES)).toEqual([]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-in-1', 10, undefined, null, ALL_PLACES)).toEqual(['in']);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-in-1', 10, ['other'])).toEqual([]);
      const mark = { type, field: 'sensitivity', value: 'sensitive' };
      expect(await stores.records.idsByTag(type, 'phone', 'tag-hidden-1', 10, undefined, mark)).toEqual([]);
      expect(await stores.records.idsByTag(type, 'phone', 'tag-in-1', 10, undefined, mark)).toEqual(['in']);
      expect(await stores.records.currentRecordsByTag(type, 'phone', 'tag-out-date-1', 10, undefined, ALL_PLACES)).toEqual([]);
      expect(await stores.records.currentRecordsByTag(type, 'phone', 'tag-in-1', 10, ['in'], ALL_PLACES)).toHaveLength(1);
    });

    it('walks rows below a key version and replaces their envelopes only while they hold what was read', async () => {
      const stores = await makeStores();
      const type = aType();
      const versions = [aVersion('a', 1, { keyVersion: 1 }), aVersion('b', 1, { keyVersion: 1 }), aVersion('c', 1, { keyVersion: 9 })];
      await write(stores, type, versions);
      await commit(stores, type, versions);
      const countsBefore = await stores.records.keyVersionCounts();
      const belowBefore = await stores.records.countBelowKeyVersion(9);
      const start = { type, id: '', version: 0 };
      const walked = (await stores.records.rowsBelowKeyVersion(9, 1000, start)).filter((r) => r.type === type);
      expect(walked.map((r) => r.id)).toEqual(['a', 'b']);
      expect((await stores.records.rowsBelowKeyVersion(9, 1, start)).map((r) => r.id)).toEqual(['a']);
      expect((await stores.records.rowsBelowKeyVersion(9, 1000, { type, id: 'a', version: 1 })).filter((r) => r.type === type).map((r) => r.id)).toEqual(['b']);

      const [a, b] = walked;
      if (a === undefined || b === undefined) throw new Error('rows missing');
      const moved = await stores.records.rewrapRows([
        { row: a, was: a.sealed, sealed: { name: 'rewrapped-a' }, keyVersion: 9 },
        { row: b, was: { name: 'not what b holds' }, sealed: { name: 'rewrapped-b' }, keyVersion: 9 },
      ]);
      expect(moved).toBe(1);
      expect(await stores.records.rewrapRows([])).toBe(0);
      const [after] = await stores.records.currentRecords(type, ['a']);
      expect(after).toMatchObject({ sealed: { name: 'rewrapped-a' }, keyVersion: 9, version: 1 });
      expect(await stores.records.countBelowKeyVersion(9)).toBe(belowBefore - 1);
      const countsAfter = await stores.records.keyVersionCounts();
      expect(countsAfter['9']).toBe((countsBefore['9'] ?? 0) + 1);
      expect(countsAfter['1']).toBe((countsBefore['1'] ?? 0) - 1);
    });
  });
}
