import { CROSS_CANDIDATES, SIBLING_CANDIDATES } from '../constants.js';
import type { Certificate } from './certificate.js';
import type { Candidate } from './realize.js';
import { descend, largest, suppressionCost, type SuppressionState } from './state.js';

/** One dimension's share of a candidate move: leaves (node, ±1) and the nodes whose totals change. */
interface DimOption {
  readonly leaves: ReadonlyArray<readonly [number, number]>;
  readonly nodes: readonly number[];
}

/** Nodes from `from` up to (and including) the ancestor at level `level`. */
function pathUpTo(state: SuppressionState, d: number, from: number, level: number): number[] {
  const h = state.table.dims[d];
  if (h === undefined) return [];
  return h.pathToRoot(from).filter((n) => (h.level[n] as number) >= level);
}

/** Siblings of the node of `cell` in dimension `d`, suppressed ones first, then the biggest counts. */
function rankedSiblings(state: SuppressionState, cell: number, d: number, limit: number): number[] {
  const { table } = state;
  const h = table.dims[d];
  if (h === undefined) return [];
  return h
    .siblings(table.coord(cell, d))
    .map((n) => table.replace(cell, d, n))
    .sort((a, b) => (state.suppressed[b] as number) - (state.suppressed[a] as number) || (table.counts[b] as number) - (table.counts[a] as number))
    .slice(0, limit)
    .map((c) => table.coord(c, d));
}

/**
 * Looks for the cheapest move that changes primary cell `p`, a new cell of the stage that opened
 * level ℓ of dimension `d`. Every candidate has product form: in dimension `d`, +1 at `p`'s node and
 * −1 at a sibling (so the parent's total, published or not, is unchanged); in every other dimension
 * either +1 on one leaf below `p`'s node (the change reaches every total above), or +1 below `p`'s node
 * and −1 below a sibling's (it cancels at their parent). The changed cells all sit at level ℓ of `d`,
 * i.e. among the cells opened now, so no earlier published figure is touched. The move that lowers
 * `p` along a leaf of largest counts is always feasible, so a sibling in `d` is all it takes.
 *
 * Returns null only when `p`'s node has no sibling (then its parent had the same count, was itself
 * protected, and its certificate already covers `p`).
 */
export function findCertificate(state: SuppressionState, p: number, d: number): Candidate | null {
  const { table } = state;
  const dims = table.dims.length;
  const counts = table.counts;
  // The leaf reached from p by always taking the biggest child: ≥ 1 since p ≥ 1.
  let a = p;
  for (let e = 0; e < dims; e++) if (e !== d) a = descend(state, a, e, largest(counts));

  const options: DimOption[][] = [];
  for (let e = 0; e < dims; e++) {
    const h = table.dims[e];
    if (h === undefined) continue;
    const u = table.coord(p, e);
    if (e === d) {
      options.push(
        rankedSiblings(state, p, e, SIBLING_CANDIDATES).map((y) => ({
          leaves: [
            [u, 1],
            [y, -1],
          ],
          nodes: [u, y],
        })),
      );
      continue;
    }
    const aNode = table.coord(a, e);
    const own: DimOption[] = [{ leaves: [[aNode, 1]], nodes: h.pathToRoot(aNode) }];
    const level = h.level[u] as number;
    for (const y of rankedSiblings(state, p, e, CROSS_CANDIDATES)) {
      const b = table.coord(descend(state, table.replace(a, e, y), e, largest(counts)), e);
      own.push({
        leaves: [
          [aNode, 1],
          [b, -1],
        ],
        nodes: [...pathUpTo(state, e, aNode, level), ...pathUpTo(state, e, b, level)],
      });
    }
    options.push(own);
  }
  if ((options[d]?.length ?? 0) === 0) return null;

  let best: { picked: DimOption[]; direction: 1 | -1; cost: number; size: number } | null = null;
  const choice = new Array<number>(dims).fill(0);
  for (;;) {
    const picked = choice.map((k, e) => options[e]?.[k] as DimOption);
    const direction = feasibleDirection(state, picked);
    if (direction !== null) {
      const size = picked.reduce((n, o) => n * o.nodes.length, 1);
      const cost = supportCost(state, picked, best === null ? Infinity : best.cost + (size < best.size ? 1 : 0));
      if (best === null || cost < best.cost || (cost === best.cost && size < best.size)) {
        best = { picked, direction, cost, size };
        if (cost === 0) break;
      }
    }
    let e = dims - 1;
    while (e >= 0 && (choice[e] as number) + 1 >= (options[e]?.length ?? 0)) choice[e--] = 0;
    if (e < 0) break;
    choice[e] = (choice[e] as number) + 1;
  }
  return best === null ? null : candidate(state, best.picked, best.direction, best.cost);
}

/** Cell numbers of the product of `lists` (one list of cell offsets per dimension). */
function product(state: SuppressionState, lists: ReadonlyArray<readonly number[]>): number[] {
  let cells = [0];
  lists.forEach((nodes, e) => {
    const stride = state.table.strides[e] as number;
    const next: number[] = [];
    for (const c of cells) for (const n of nodes) next.push(c + n * stride);
    cells = next;
  });
  return cells;
}

/** The direction in which the move `picked` keeps every leaf non-negative, or null. */
function feasibleDirection(state: SuppressionState, picked: readonly DimOption[]): 1 | -1 | null {
  const cells = product(
    state,
    picked.map((o) => o.leaves.map(([n]) => n)),
  );
  const signs = picked.reduce<number[]>((acc, o) => acc.flatMap((s) => o.leaves.map(([, t]) => s * t)), [1]);
  const lowerable = (dir: 1 | -1) => cells.every((c, i) => (signs[i] as number) * dir > 0 || (state.table.counts[c] as number) >= 1);
  return lowerable(-1) ? -1 : lowerable(1) ? 1 : null;
}

/** What suppressing the cells `picked` changes costs, or `limit` as soon as it reaches it. */
function supportCost(state: SuppressionState, picked: readonly DimOption[], limit: number): number {
  let cost = 0;
  for (const c of product(
    state,
    picked.map((o) => o.nodes),
  )) {
    cost += suppressionCost(state, c);
    if (cost >= limit) return limit;
  }
  return cost;
}

/** The certificate of move `picked` and the cells it changes. */
function candidate(state: SuppressionState, picked: readonly DimOption[], direction: 1 | -1, cost: number): Candidate {
  const cells = product(
    state,
    picked.map((o) => o.leaves.map(([n]) => n)),
  );
  const signs = picked.reduce<number[]>((acc, o) => acc.flatMap((s) => o.leaves.map(([, t]) => s * t)), [1]);
  const certificate: Certificate = { cells, signs, direction };
  return {
    certificate,
    support: product(
      state,
      picked.map((o) => o.nodes),
    ),
    cost,
  };
}
