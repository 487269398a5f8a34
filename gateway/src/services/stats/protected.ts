import { decodePublished, encodePublished, projectRelease, protectSteps, tabulate, thresholdStep, type DimensionCut, type Release } from '@need2know/stats';
import { Problem } from '../../platform/errors/problem.js';
import { mayServeKept } from '@need2know/policy';
import { gunzip, gzip } from '../../platform/lib/gzip.js';
import { newId } from '../../platform/lib/random.js';
import { finestLayout, finestPlaces, finestWindow, finestYear } from './layout.js';
import type { StatsTableDef } from './catalogue.js';
import { MAX_PROTECTED_TABLE_BYTES, PROTECTED_TABLE_FORMAT, PROTECTION_LEASE_MS, PROTECTION_POLL_MS, PROTECTION_WAIT_MS } from './config.js';
import type { StatsQuery } from './query.js';
import type { ProtectedTableKey, ProtectedTableRow, ProtectionLease, Stores } from '../../store/ports/index.js';

/** Seconds a caller is told to wait when another request is still protecting the table. */
const BUSY_RETRY_AFTER_SECONDS = 30;

/**
 * A suppressed release of `q`'s grain at `threshold` (raised to its step), cut from the protected
 * finest table of its kind and year. The finest table is protected once per step and version of the
 * data and kept (`stats_protected_tables`, in its published form: no count of a withheld cell); every
 * release until the data change is cut from the kept one. Only a table kept for exactly the data in
 * force now is used (`mayServeKept`, on versions read in the same statement as the table); otherwise the first request protects the table again while the others
 * wait for its result (a lease: one computation per table and year at a time).
 *
 * What leaves is the same as protecting afresh: the pattern is a function of the data and the step
 * alone, and the kept form publishes exactly what the fresh one does.
 *
 * @throws Problem 503 `stats_busy` when another request's computation of the table outlasts the wait.
 */
export async function suppressedRelease(
  stores: Pick<Stores, 'stats'>,
  def: StatsTableDef,
  q: StatsQuery,
  threshold: number,
  nowSeconds: number,
): Promise<Release> {
  const key: ProtectedTableKey = { table: def.name, year: finestYear(q), step: thresholdStep(threshold) };
  const finest = await protectedFinest(stores, def, q, key, nowSeconds);
  return projectRelease(finest.release, finest.cuts);
}

/** The protected finest table `key` and the cuts that give `q`'s grain: kept, or computed once. */
async function protectedFinest(
  stores: Pick<Stores, 'stats'>,
  def: StatsTableDef,
  q: StatsQuery,
  key: ProtectedTableKey,
  nowSeconds: number,
): Promise<{ release: Release; cuts: DimensionCut[] }> {
  const deadline = Date.now() + PROTECTION_WAIT_MS;
  for (;;) {
    const { kept, current } = await stores.stats.keptProtectedTable(key, def.recordType);
    if (kept !== null && mayServeKept(kept, { format: PROTECTED_TABLE_FORMAT, dataVersion: current.data, placesVersion: current.places })) {
      const decoded = await decodeKept(def, q, kept);
      if (decoded !== null) return decoded;
    }
    const lease: ProtectionLease = { table: key.table, year: key.year, holder: newId('spl') };
    if (await stores.stats.takeProtectionLease(lease, Date.now(), Date.now() + PROTECTION_LEASE_MS)) {
      let computed: Awaited<ReturnType<typeof computeFinest>>;
      try {
        computed = await computeFinest(stores, def, q, key, nowSeconds);
      } catch (err) {
        await stores.stats.giveUpProtectionLease(lease).catch(() => undefined); // the lease expires on its own otherwise
        throw err;
      }
      try {
        await stores.stats.keepProtectedTables(computed.rows, lease);
      } catch (err) {
        // The release itself is sound; the next request protects the table again.
        console.error('stats: a protected table could not be kept', key.table, key.year, key.step, err instanceof Error ? err.message : String(err));
      }
      return computed.finest;
    }
    // Another request is computing it: wait (on the small lease row) until it is done or has died.
    while (await stores.stats.protectionLeaseHeld(key.table, key.year, Date.now())) {
      if (Date.now() >= deadline) {
        throw new Problem(503, 'stats_busy', 'This table is being protected for new data; try again shortly.', {
          headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, PROTECTION_POLL_MS));
    }
  }
}

/** A kept table as a release, or null when it cannot be read (it is then protected again and replaced). */
async function decodeKept(def: StatsTableDef, q: StatsQuery, kept: ProtectedTableRow): Promise<{ release: Release; cuts: DimensionCut[] } | null> {
  try {
    const { dims, cuts } = finestLayout(def, q, kept.places);
    const bytes = await gunzip(kept.cells, MAX_PROTECTED_TABLE_BYTES);
    return {
      release: decodePublished(
        dims.map((d) => d.hierarchy),
        bytes,
        kept.step,
      ),
      cuts,
    };
  } catch (err) {
    console.error(
      'stats: a kept protected table could not be read; protecting again',
      kept.table,
      kept.year,
      kept.step,
      err instanceof Error ? err.message : String(err),
    );
    return null;
  }
}

/**
 * Counts the finest table and reads the versions of the data it is counted from in one transaction
 * (the versions name exactly the data counted), protects it at every step up to `key`'s, and returns
 * it with the rows that keep each step (stored as the lease is given up).
 */
async function computeFinest(
  stores: Pick<Stores, 'stats'>,
  def: StatsTableDef,
  q: StatsQuery,
  key: ProtectedTableKey,
  nowSeconds: number,
): Promise<{ finest: { release: Release; cuts: DimensionCut[] }; rows: ProtectedTableRow[] }> {
  const { versions, places: gazetteer, rows } = await stores.stats.finestCounts(def, key.year, finestWindow(q));
  const places = finestPlaces(def, gazetteer, rows);
  const { dims, cuts, order } = finestLayout(def, q, places);
  const { table } = tabulate(dims, rows);
  const chain = protectSteps(table, key.step, order);
  const kept = await Promise.all(
    chain.map(async (release): Promise<ProtectedTableRow> => {
      const step = release.summary.method === 'suppression' ? release.summary.threshold : key.step;
      return {
        table: key.table,
        year: key.year,
        step,
        format: PROTECTED_TABLE_FORMAT,
        dataVersion: versions.data,
        placesVersion: versions.places,
        places,
        cells: await gzip(encodePublished(release)),
        cellCount: table.size,
        withheld: release.withheld?.reduce((n, x) => n + x, 0) ?? 0,
        computedAt: nowSeconds,
      };
    }),
  );
  const release = chain.at(-1);
  if (release === undefined) throw new Error('no suppression step at or below the threshold');
  return { finest: { release, cuts }, rows: kept };
}
