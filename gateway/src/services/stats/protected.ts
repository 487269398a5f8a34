import { decodePublished, encodePublished, projectRelease, protectSteps, tabulate, thresholdStep, type DimensionCut, type Release } from '@need2know/stats';
import { Problem } from '../../platform/errors/problem.js';
import { mayServeKept } from '@need2know/policy';
import { gunzip, gzip } from '../../platform/lib/gzip.js';
import { newId } from '../../platform/lib/random.js';
import { finestLayout, finestPlaces, finestWindow, finestYear } from './layout.js';
import type { StatsTableDef } from './catalogue.js';
import { MAX_PROTECTED_TABLE_BYTES, PROTECTED_TABLE_FORMAT, PROTECTION_LEASE_MS, PROTECTION_POLL_MS, PROTECTION_WAIT_MS } from './config.js';
import type { StatsQuery } from './query.js';
import { groupedCountsStatement, toTabulationRows } from '../../store/d1/stats/source.js';
import { dataVersionsStatement, toDataVersions } from '../../store/d1/stats/data-versions.js';
import { gazetteerStatement } from '../../store/d1/stats/places.js';
import {
  keptProtectedTable,
  protectionLeaseHeld,
  releaseProtectionLeaseStatement,
  storeProtectedTableStatement,
  takeProtectionLease,
  type ProtectedTableKey,
  type ProtectedTableRow,
} from '../../store/d1/stats/protected-tables.js';

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
export async function suppressedRelease(db: D1Database, def: StatsTableDef, q: StatsQuery, threshold: number, nowSeconds: number): Promise<Release> {
  const key: ProtectedTableKey = { table: def.name, year: finestYear(q), step: thresholdStep(threshold) };
  const finest = await protectedFinest(db, def, q, key, nowSeconds);
  return projectRelease(finest.release, finest.cuts);
}

/** The protected finest table `key` and the cuts that give `q`'s grain: kept, or computed once. */
async function protectedFinest(
  db: D1Database,
  def: StatsTableDef,
  q: StatsQuery,
  key: ProtectedTableKey,
  nowSeconds: number,
): Promise<{ release: Release; cuts: DimensionCut[] }> {
  const deadline = Date.now() + PROTECTION_WAIT_MS;
  for (;;) {
    const { kept, current } = await keptProtectedTable(db, key, def.recordType);
    if (kept !== null && mayServeKept(kept, { format: PROTECTED_TABLE_FORMAT, dataVersion: current.data, placesVersion: current.places })) {
      const decoded = await decodeKept(def, q, kept);
      if (decoded !== null) return decoded;
    }
    const holder = newId('spl');
    if (await takeProtectionLease(db, key.table, key.year, holder, Date.now(), Date.now() + PROTECTION_LEASE_MS)) {
      const release = releaseProtectionLeaseStatement(db, key.table, key.year, holder);
      let computed: Awaited<ReturnType<typeof computeFinest>>;
      try {
        computed = await computeFinest(db, def, q, key, nowSeconds);
      } catch (err) {
        await db.batch([release]).catch(() => undefined); // the lease expires on its own otherwise
        throw err;
      }
      try {
        await db.batch([...computed.statements, release]);
      } catch (err) {
        // The release itself is sound; the next request protects the table again.
        console.error('stats: a protected table could not be kept', key.table, key.year, key.step, err instanceof Error ? err.message : String(err));
      }
      return computed.finest;
    }
    // Another request is computing it: wait (on the small lease row) until it is done or has died.
    while (await protectionLeaseHeld(db, key.table, key.year, Date.now())) {
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
 * Counts the finest table and reads the versions of the data it is counted from in one batch (one
 * transaction: the versions name exactly the data counted), protects it at every step up to `key`'s,
 * and returns it with the statements that keep each step (to run as the lease is given up).
 */
async function computeFinest(
  db: D1Database,
  def: StatsTableDef,
  q: StatsQuery,
  key: ProtectedTableKey,
  nowSeconds: number,
): Promise<{ finest: { release: Release; cuts: DimensionCut[] }; statements: D1PreparedStatement[] }> {
  const [versionsResult, gazetteerResult, countsResult] = await db.batch<Record<string, unknown>>([
    dataVersionsStatement(db, def.recordType, key.year),
    gazetteerStatement(db),
    groupedCountsStatement(db, def, finestWindow(q)),
  ]);
  const versions = toDataVersions(versionsResult?.results[0] as { data: number; places: number } | undefined);
  const rows = toTabulationRows(def, countsResult?.results ?? []);
  const places = finestPlaces(
    def,
    (gazetteerResult?.results ?? []).map((r) => String(r.code)),
    rows,
  );
  const { dims, cuts, order } = finestLayout(def, q, places);
  const { table } = tabulate(dims, rows);
  const chain = protectSteps(table, key.step, order);
  const statements = await Promise.all(
    chain.map(async (release) => {
      const step = release.summary.method === 'suppression' ? release.summary.threshold : key.step;
      return storeProtectedTableStatement(db, {
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
      });
    }),
  );
  const release = chain.at(-1);
  if (release === undefined) throw new Error('no suppression step at or below the threshold');
  return { finest: { release, cuts }, statements };
}
