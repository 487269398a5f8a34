import type { Table } from '../table/table.js';
import type { Certificate } from './certificate.js';

/**
 * The working state of the staged suppression: which cells are suppressed, which are primary, which
 * are already proven unrecoverable, the certificates so far, and how deep each dimension is opened.
 */
export interface SuppressionState {
  readonly table: Table;
  readonly threshold: number;
  /** Current depth of each dimension: cells deeper than this are not part of the table yet. */
  readonly depth: number[];
  readonly suppressed: Uint8Array;
  readonly primary: Uint8Array;
  /** 1 when some certificate changes the cell (so it cannot be recovered). */
  readonly covered: Uint8Array;
  readonly certificates: Certificate[];
}

/** True when `count` is a small, non-zero count that must not be published. */
export function isSensitive(count: number, threshold: number): boolean {
  return count >= 1 && count < threshold;
}

/**
 * What it costs to suppress `cell` now: nothing if it is suppressed already, otherwise its count plus
 * one (suppressing a big total loses more information than a small detail; an empty cell costs 1).
 */
export function suppressionCost(state: SuppressionState, cell: number): number {
  return state.suppressed[cell] === 1 ? 0 : (state.table.counts[cell] as number) + 1;
}

/** Marks `cells` suppressed and covered by a certificate. */
export function markCovered(state: SuppressionState, cells: Iterable<number>): void {
  for (const c of cells) {
    state.suppressed[c] = 1;
    state.covered[c] = 1;
  }
}

/** Cells whose coordinate in dimension `d` is at level `level` and whose others are within the current depth. */
export function cellsAtStage(state: SuppressionState, d: number, level: number): number[] {
  const { table, depth } = state;
  let cells = [0];
  for (let e = 0; e < table.dims.length; e++) {
    const h = table.dims[e];
    if (h === undefined) continue;
    const from = e === d ? (h.levelStart[level] as number) : 0;
    const to = e === d ? (h.levelStart[level + 1] as number) : (h.levelStart[(depth[e] as number) + 1] as number);
    const stride = table.strides[e] as number;
    const next: number[] = [];
    for (const c of cells) for (let n = from; n < to; n++) next.push(c + n * stride);
    cells = next;
  }
  return cells;
}

/**
 * Walks from `cell` down dimension `d` to the current depth, at each step to the child that `pick`
 * prefers among the children (given as cells).
 */
export function descend(state: SuppressionState, cell: number, d: number, pick: (children: number[]) => number): number {
  const { table } = state;
  const h = table.dims[d];
  if (h === undefined) return cell;
  let c = cell;
  while ((h.level[table.coord(c, d)] as number) < (state.depth[d] as number)) c = pick(h.children(table.coord(c, d)).map((n) => table.replace(c, d, n)));
  return c;
}

/** Picks the child with the largest count (ties: the first). */
export const largest = (counts: Float64Array) => (cells: number[]) => cells.reduce((best, c) => ((counts[c] as number) > (counts[best] as number) ? c : best));
