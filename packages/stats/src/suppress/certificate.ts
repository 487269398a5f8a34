import type { Table } from '../table/table.js';

/**
 * Why a suppressed cell cannot be recovered: a direction in which the detailed counts can move while
 * every published figure stays the same and every count stays non-negative.
 *
 * `cells` are detailed (leaf) cells and `signs` their ±1 change; every total changes by the sum of its
 * leaves' changes. `direction` says which way the move is possible: `-1` lowers the cells marked +1
 * (they are all ≥ 1) and raises the others, `+1` the opposite. If every cell whose total changes is
 * suppressed, anyone who sees only the published figures cannot tell the true table from the moved
 * one, so no cell the move touches is determined.
 */
export interface Certificate {
  cells: number[];
  signs: number[];
  direction: 1 | -1;
}

/**
 * Every cell (at any level) whose count changes under `cert`, with its change: the leaf changes added
 * up into each total they belong to.
 */
export function certificateSupport(table: Table, cert: Certificate): Map<number, number> {
  const z = new Map<number, number>();
  for (let i = 0; i < cert.cells.length; i++) {
    let cells = [cert.cells[i] as number];
    for (let d = 0; d < table.dims.length; d++) {
      const h = table.dims[d];
      if (h === undefined) continue;
      const next: number[] = [];
      for (const c of cells) for (const n of h.pathToRoot(table.coord(c, d))) next.push(table.replace(c, d, n));
      cells = next;
    }
    const s = cert.signs[i] as number;
    for (const c of cells) z.set(c, (z.get(c) ?? 0) + s);
  }
  for (const [c, v] of z) if (v === 0) z.delete(c);
  return z;
}

/** True when the move `cert` keeps every leaf non-negative (in its direction, by one unit). */
export function certificateFeasible(table: Table, cert: Certificate): boolean {
  for (let i = 0; i < cert.cells.length; i++) {
    // Moving by `direction` changes leaf i by direction × sign; a lowered leaf must be ≥ 1.
    if ((cert.signs[i] as number) * cert.direction < 0 && (table.counts[cert.cells[i] as number] as number) < 1) return false;
  }
  return true;
}

/** What {@link checkCertificates} found wrong, by cell. */
export interface CertificateProblem {
  readonly cell: number;
  readonly problem: 'unprotected_primary' | 'touches_published_cell' | 'infeasible' | 'not_a_leaf';
}

/**
 * Re-checks a suppression pattern from scratch: every certificate lists leaf cells only, is feasible,
 * and changes suppressed cells only; every primary cell is changed by at least one certificate.
 * Independent of how the certificates were found. Empty means the pattern is proven safe.
 */
export function checkCertificates(table: Table, suppressed: Uint8Array, primary: Uint8Array, certificates: readonly Certificate[]): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  // Nothing published: nothing to combine, every cell is unknown.
  if (suppressed.every((s) => s === 1)) return problems;
  const covered = new Uint8Array(table.size);
  for (const cert of certificates) {
    const bad = cert.cells.find((c) => !table.isLeaf(c));
    if (bad !== undefined) {
      problems.push({ cell: bad, problem: 'not_a_leaf' });
      continue;
    }
    if (!certificateFeasible(table, cert)) problems.push({ cell: cert.cells[0] ?? -1, problem: 'infeasible' });
    for (const cell of certificateSupport(table, cert).keys()) {
      if (suppressed[cell] !== 1) problems.push({ cell, problem: 'touches_published_cell' });
      covered[cell] = 1;
    }
  }
  for (let c = 0; c < table.size; c++) if (primary[c] === 1 && covered[c] !== 1) problems.push({ cell: c, problem: 'unprotected_primary' });
  return problems;
}
