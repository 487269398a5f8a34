/**
 * What one suppressed release of the crime table costs the gateway, in process: protected afresh (what
 * every release did before protected tables were kept, and what the first after a change of the data
 * still does) beside one cut from the kept table, and beside the one pass at threshold 10 alone that a
 * release cost before thresholds were nested. Same code as the gateway (`finestLayout`, `protectSteps`,
 * `encodePublished`, gzip, `releaseDocument`); the D1 reads and writes and the audit append around it
 * are not included (they are the same for all three, except that the kept table is one row read
 * instead of the records' grouped counts).
 */
import {
  checkCertificates,
  decodePublished,
  encodePublished,
  projectRelease,
  protectSteps,
  suppress,
  tabulate,
  type Release,
  type TabulationRow,
} from '@need2know/stats';
import { finestLayout, finestPlaces } from '../../../gateway/src/services/stats/layout.js';
import { STATS_TABLE_DEFS } from '../../../gateway/src/services/stats/catalogue.js';
import { releaseDocument } from '../../../gateway/src/services/stats/document.js';
import { gunzip, gzip } from '../../../gateway/src/platform/lib/gzip.js';
import type { StatsQuery } from '../../../gateway/src/services/stats/query.js';
import { compare, type ReportRow } from './measure.js';

const def = STATS_TABLE_DEFS.crime;
const THRESHOLD = 10;
const MAX_BYTES = 8 * 1024 * 1024;

/** The request timed: provinces by month (the console's headline chart), cut from the commune × month table. */
function query(year: number): StatsQuery {
  return {
    level: 'province',
    period: 'month',
    year,
    weeks: null,
    province: null,
    protection: 'suppression',
    epsilonMicro: null,
    bound: null,
    threshold: null,
    format: 'json',
    shape: 'cells',
  };
}

/** Per-case rows grouped the way the records' facets are counted in D1 (one row per criterion, commune and month). */
function grouped(rows: readonly TabulationRow[]): TabulationRow[] {
  const counts = new Map<string, { values: readonly unknown[]; count: number }>();
  for (const row of rows) {
    const key = row.values.join('|');
    const seen = counts.get(key);
    if (seen === undefined) counts.set(key, { values: row.values, count: row.count });
    else seen.count += row.count;
  }
  return [...counts.values()];
}

/** The document a release sends, as text. */
function document(release: Release, year: number): string {
  const q = query(year);
  return JSON.stringify(
    releaseDocument({ id: 'srl_bench', def, at: 0, parameters: { level: q.level, period: q.period, year }, protection: { ...release.summary }, release }),
  );
}

/**
 * Times a release of `cases` (one row per case) protected afresh, cut from the kept table, and at one
 * pass alone, and returns the rows for the report and what the kept table takes in storage.
 */
export async function releaseRows(
  cases: readonly TabulationRow[],
  year: number,
): Promise<{ rows: ReportRow[]; storedBytes: number; encodedBytes: number; withheld: number; cells: number }> {
  const label = `${cases.length.toLocaleString('en-US')} cases`;
  const counts = grouped(cases);
  const q = query(year);
  const places = finestPlaces(def, [], counts);

  const fresh = async () => {
    const { dims, cuts, order } = finestLayout(def, q, places);
    const { table } = tabulate(dims, counts);
    const chain = protectSteps(table, THRESHOLD, order);
    const stored = await Promise.all(chain.map((r) => gzip(encodePublished(r))));
    const last = chain.at(-1) as Release;
    return {
      text: document(projectRelease(last, cuts), year),
      stored: stored.at(-1) as Uint8Array,
      encoded: encodePublished(last),
      cells: table.size,
      withheld: last.withheld?.reduce((n, x) => n + x, 0) ?? 0,
    };
  };
  const first = await fresh();
  const kept = async () => {
    const { dims, cuts } = finestLayout(def, q, places);
    const release = decodePublished(
      dims.map((d) => d.hierarchy),
      await gunzip(first.stored, MAX_BYTES),
      THRESHOLD,
    );
    return document(projectRelease(release, cuts), year);
  };
  const onePass = () => {
    const { dims, cuts, order } = finestLayout(def, q, places);
    const { table } = tabulate(dims, counts);
    const s = suppress(table, THRESHOLD, { order });
    if (checkCertificates(table, s.suppressed, s.primary, s.certificates).length > 0) throw new Error('pattern failed its check');
    const release: Release = {
      table,
      withheld: s.suppressed,
      primary: s.primary,
      summary: { method: 'suppression', threshold: THRESHOLD, primary: s.primaryCount, secondary: s.secondaryCount },
    };
    return document(projectRelease(release, cuts), year);
  };
  if ((await kept()) !== first.text) throw new Error('the release from the kept table differs from the fresh one');

  const options = { minMs: 1, warmupMs: 0, rounds: 3, latency: false };
  const cold = { name: `protected afresh: recount, steps 3, 5, 10 each checked, kept form written (${label})`, fn: async () => (await fresh()).text };
  const warm = await compare({ name: `**cut from the kept table**: read, decode, cut (${label})`, fn: kept }, cold, options);
  const single = await compare({ name: `one pass at 10 alone, as before nested steps (${label})`, fn: onePass }, cold, options);
  const ms = (row: ReportRow) => `${(1000 / row.subject.opsPerSec).toFixed(0)} ms vs ${(1000 / (row.baseline?.opsPerSec ?? 1)).toFixed(0)} ms`;
  return {
    rows: [
      { ...warm, note: ms(warm) },
      { ...single, note: ms(single) },
    ],
    storedBytes: first.stored.length,
    encodedBytes: first.encoded.length,
    withheld: first.withheld,
    cells: first.cells,
  };
}
