import type { Certificate } from './certificate.js';
import { markCovered, suppressionCost, type SuppressionState } from './state.js';

/**
 * Cells at the newly opened level of dimension `d` that a move changes: each leaf's change added up
 * into every total above it in the other dimensions (dimension `d` itself stays at the leaf's node).
 */
export function stageSupport(state: SuppressionState, cells: readonly number[], signs: readonly number[], d: number): Map<number, number> {
  const { table } = state;
  const z = new Map<number, number>();
  for (let i = 0; i < cells.length; i++) {
    let up = [cells[i] as number];
    for (let e = 0; e < table.dims.length; e++) {
      const h = table.dims[e];
      if (e === d || h === undefined) continue;
      const next: number[] = [];
      for (const c of up) for (const n of h.pathToRoot(table.coord(c, e))) next.push(table.replace(c, e, n));
      up = next;
    }
    const s = signs[i] as number;
    for (const c of up) z.set(c, (z.get(c) ?? 0) + s);
  }
  for (const [c, v] of z) if (v === 0) z.delete(c);
  return z;
}

/**
 * Carries every certificate one level down dimension `d`: each of its leaves moves to one of its
 * children. A leaf the move lowers goes to a child with a count of at least 1 (one exists, since the
 * leaf itself is ≥ 1), so the move stays feasible; the others follow a leaf of the same node where
 * they can, so that their changes cancel in the totals, or go to the cheapest child. The totals above
 * are unchanged; the new cells the move changes are suppressed.
 */
export function realizeCertificates(state: SuppressionState, d: number): void {
  const { table } = state;
  const h = table.dims[d];
  if (h === undefined) return;
  const counts = table.counts;
  for (const cert of state.certificates) {
    const lowered = (i: number) => (cert.signs[i] as number) * cert.direction < 0;
    const order = cert.cells.map((_, i) => i).sort((a, b) => Number(lowered(b)) - Number(lowered(a)));
    const chosen = new Map<number, number>();
    const moved: number[] = new Array<number>(cert.cells.length);
    for (const i of order) {
      const leaf = cert.cells[i] as number;
      const node = table.coord(leaf, d);
      const kids = h.children(node).map((n) => table.replace(leaf, d, n));
      const usable = lowered(i) ? kids.filter((c) => (counts[c] as number) >= 1) : kids;
      const reuse = chosen.get(node);
      const again = reuse === undefined ? undefined : usable.find((c) => table.coord(c, d) === reuse);
      const pick = again ?? usable.reduce((best, c) => (suppressionCost(state, c) < suppressionCost(state, best) ? c : best));
      if (!chosen.has(node)) chosen.set(node, table.coord(pick, d));
      moved[i] = pick;
    }
    cert.cells = moved;
    markCovered(state, stageSupport(state, cert.cells, cert.signs, d).keys());
  }
}

/** A certificate on the current grid with the new cells it changes. */
export interface Candidate {
  readonly certificate: Certificate;
  readonly support: readonly number[];
  readonly cost: number;
}
