import { StatsError } from '../errors.js';
import type { Table } from '../table/table.js';
import type { Certificate } from './certificate.js';
import { findCertificate } from './candidates.js';
import { realizeCertificates } from './realize.js';
import { cellsAtStage, isSensitive, markCovered, type SuppressionState } from './state.js';

/** A protected table: which cells are withheld, which of them are small counts, and the proof. */
export interface Suppression {
  readonly threshold: number;
  /** 1 for every withheld cell. */
  readonly suppressed: Uint8Array;
  /** 1 for the withheld cells whose count is 1 … threshold − 1 (primary suppression). */
  readonly primary: Uint8Array;
  /** One move per protected primary cell (see {@link Certificate}); checkable with `checkCertificates`. */
  readonly certificates: readonly Certificate[];
  /** Counts of primary and secondary (complementary) suppressions. */
  readonly primaryCount: number;
  readonly secondaryCount: number;
}

/**
 * Small-cell suppression with secondary suppression, for a hierarchical frequency table.
 *
 * Every cell whose count is between 1 and `threshold − 1` is withheld (primary suppression). Then
 * enough other cells are withheld that no withheld cell can be worked out from the published ones
 * through any row, column or hierarchy total, or any combination of them (secondary suppression).
 *
 * The table is opened one level of one dimension at a time (by default in the order of its dimensions:
 * the grand total; then each criterion; then provinces, districts, communes; then semesters … months). At each
 * stage the primary cells among the newly opened ones get a certificate: a change of the detailed
 * counts that alters the primary cell, keeps every count non-negative and alters only withheld cells
 * (see `candidates.ts`). Certificates found earlier are carried down to the new level (`realize.ts`).
 * The figures of coarser levels are decided before finer ones and never changed by them. See METHOD.md.
 *
 * `order` says which dimension each stage opens one level further (by default every level of the
 * first dimension, then of the second, …): cells opened earlier are decided with less detail around
 * them, as if their coarser table were protected alone, so the grains that matter most go first.
 *
 * With `base` (the same table suppressed at a lower threshold), the result withholds every cell
 * `base` withholds and more: `base`'s cells are withheld as they are opened, its certificates stay
 * valid (they change only cells still withheld) and are kept, and only the cells that are small at
 * `threshold` but were published in `base` get new certificates. So whoever holds both releases
 * knows no more than the one at the lower threshold: the patterns are nested. Use
 * {@link suppressAtStep} rather than chaining by hand.
 *
 * @example
 * const s = suppress(table, 10);
 * s.suppressed[table.index(coords)] === 1 // withheld
 */
export function suppress(table: Table, threshold: number, options: SuppressOptions = {}): Suppression {
  const { base } = options;
  if (!Number.isInteger(threshold) || threshold < 1) throw new StatsError('ERR_PARAMETER', 'the threshold is an integer ≥ 1');
  if (base !== undefined && (base.threshold > threshold || base.suppressed.length !== table.size))
    throw new TypeError('the base pattern must be of the same table at a threshold no higher');
  const order = options.order ?? defaultOrder(table);
  checkOrder(table, order);
  const state: SuppressionState = {
    table,
    threshold,
    depth: table.dims.map(() => 0),
    suppressed: new Uint8Array(table.size),
    primary: new Uint8Array(table.size),
    covered: new Uint8Array(table.size),
    certificates: [],
  };
  // A table whose grand total is itself small cannot be published at all.
  if (isSensitive(table.counts[0] as number, threshold) || (base !== undefined && base.suppressed[0] === 1)) {
    state.suppressed.fill(1);
    state.primary[0] = 1;
    return result(state);
  }
  for (const d of order) {
    const level = (state.depth[d] as number) + 1;
    state.depth[d] = level;
    const opened = cellsAtStage(state, d, level);
    // What the lower threshold withheld stays withheld, already proven by its certificates.
    if (base !== undefined)
      markCovered(
        state,
        opened.filter((c) => base.suppressed[c] === 1),
      );
    const primaries = opened.filter((c) => isSensitive(table.counts[c] as number, threshold));
    for (const c of primaries) {
      state.primary[c] = 1;
      state.suppressed[c] = 1;
    }
    realizeCertificates(state, d);
    // Totals first: their moves are larger and often cover the detail below them.
    primaries.sort((x, y) => coarseness(state, x, d) - coarseness(state, y, d) || (table.counts[x] as number) - (table.counts[y] as number));
    for (const p of primaries) {
      if (state.covered[p] === 1) continue;
      const found = findCertificate(state, p, d);
      if (found === null) throw new Error(`no complementary cell for cell ${p}: a certificate was lost between levels`);
      state.certificates.push(found.certificate);
      markCovered(state, found.support);
    }
  }
  if (base !== undefined) state.certificates.unshift(...base.certificates.map((c) => ({ cells: [...c.cells], signs: [...c.signs], direction: c.direction })));
  return result(state);
}

/** Options of {@link suppress}. */
export interface SuppressOptions {
  /** The same table suppressed at a lower threshold, whose withheld cells must stay withheld. */
  readonly base?: Suppression;
  /** The dimension each stage opens one level further; each dimension appears once per level below its root. */
  readonly order?: readonly number[];
}

/** Every level of the first dimension, then of the second, and so on. */
function defaultOrder(table: Table): number[] {
  return table.dims.flatMap((h, d) => new Array<number>(h.depth).fill(d));
}

function checkOrder(table: Table, order: readonly number[]): void {
  const seen = table.dims.map(() => 0);
  for (const d of order) {
    if (!Number.isInteger(d) || d < 0 || d >= seen.length) throw new TypeError('the order names a dimension the table does not have');
    seen[d] = (seen[d] as number) + 1;
  }
  if (seen.some((n, d) => n !== table.dims[d]?.depth)) throw new TypeError('the order must open every level of every dimension once');
}

/** Sum of the levels of `cell` outside dimension `d` (0 for the totals of every other dimension). */
function coarseness(state: SuppressionState, cell: number, d: number): number {
  let sum = 0;
  for (let e = 0; e < state.table.dims.length; e++) if (e !== d) sum += state.table.levelOf(cell, e);
  return sum;
}

function result(state: SuppressionState): Suppression {
  let primaryCount = 0;
  let suppressedCount = 0;
  for (let c = 0; c < state.table.size; c++) {
    primaryCount += state.primary[c] as number;
    suppressedCount += state.suppressed[c] as number;
  }
  return {
    threshold: state.threshold,
    suppressed: state.suppressed,
    primary: state.primary,
    certificates: state.certificates,
    primaryCount,
    secondaryCount: suppressedCount - primaryCount,
  };
}
