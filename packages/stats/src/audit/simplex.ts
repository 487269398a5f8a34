/** Tolerance of the floating-point simplex (the audited tables hold small integers). */
const EPS = 1e-9;

/**
 * Linear programs over one feasible region `{x ≥ 0 : A x = b}`, minimised for many objectives: the
 * region is found once (phase 1, with artificial variables), then each objective starts from that
 * basis (phase 2). Dense two-phase simplex with Bland's rule (no cycling). For auditing published
 * tables of a few hundred unknowns, not for large problems.
 */
export class EqualityLp {
  readonly #n: number;
  #rows: Float64Array[] = [];
  #basis: number[] = [];
  /** False when no x ≥ 0 satisfies A x = b. */
  readonly feasible: boolean;

  /** `a` is m rows of n coefficients; `b` the m right-hand sides. */
  constructor(a: readonly (readonly number[])[], b: readonly number[]) {
    const m = a.length;
    const n = a[0]?.length ?? 0;
    this.#n = n;
    const width = n + m + 1;
    this.#rows = a.map((row, i) => {
      const r = new Float64Array(width);
      const flip = (b[i] as number) < 0 ? -1 : 1;
      for (let j = 0; j < n; j++) r[j] = flip * (row[j] as number);
      r[n + i] = 1;
      r[width - 1] = flip * (b[i] as number);
      return r;
    });
    this.#basis = a.map((_, i) => n + i);
    const phase1 = new Float64Array(width);
    for (let i = 0; i < m; i++) phase1[n + i] = 1;
    const objective = this.#objectiveRow(phase1);
    this.#run(objective, width - 1);
    this.feasible = -(objective[width - 1] as number) < 1e-7;
    if (this.feasible) this.#dropArtificials();
  }

  /** min c·x over the region; −Infinity when unbounded below. Throws when infeasible. */
  minimize(c: readonly number[]): number {
    if (!this.feasible) throw new RangeError('infeasible');
    const saved = { rows: this.#rows.map((r) => r.slice()), basis: [...this.#basis] };
    const width = this.#n + 1;
    const cost = new Float64Array(width);
    for (let j = 0; j < this.#n; j++) cost[j] = c[j] as number;
    const objective = this.#objectiveRow(cost);
    const bounded = this.#run(objective, this.#n);
    const value = -(objective[width - 1] as number);
    this.#rows = saved.rows;
    this.#basis = saved.basis;
    return bounded ? value : -Infinity;
  }

  /** max c·x over the region; +Infinity when unbounded above. */
  maximize(c: readonly number[]): number {
    return -this.minimize(c.map((v) => -v));
  }

  /** The reduced-cost row of `cost` for the current basis (last entry: minus the objective's value). */
  #objectiveRow(cost: Float64Array): Float64Array {
    const obj = cost.slice();
    this.#rows.forEach((row, i) => {
      const cb = cost[this.#basis[i] as number] as number;
      if (cb !== 0) for (let j = 0; j < obj.length; j++) obj[j] = (obj[j] as number) - cb * (row[j] as number);
    });
    return obj;
  }

  /** Simplex iterations on columns [0, columns) until optimal (true) or unbounded (false). */
  #run(obj: Float64Array, columns: number): boolean {
    const rhs = obj.length - 1;
    for (;;) {
      let enter = -1;
      for (let j = 0; j < columns; j++) {
        if ((obj[j] as number) < -EPS) {
          enter = j;
          break;
        }
      }
      if (enter < 0) return true;
      let leave = -1;
      let ratio = Infinity;
      this.#rows.forEach((row, i) => {
        const coef = row[enter] as number;
        if (coef <= EPS) return;
        const r = (row[rhs] as number) / coef;
        if (r < ratio - EPS || (Math.abs(r - ratio) <= EPS && (this.#basis[i] as number) < (this.#basis[leave] as number))) {
          ratio = r;
          leave = i;
        }
      });
      if (leave < 0) return false;
      this.#pivot(leave, enter, obj);
    }
  }

  #pivot(r: number, j: number, obj?: Float64Array): void {
    const row = this.#rows[r] as Float64Array;
    const p = row[j] as number;
    for (let k = 0; k < row.length; k++) row[k] = (row[k] as number) / p;
    const eliminate = (other: Float64Array) => {
      const f = other[j] as number;
      if (f === 0) return;
      for (let k = 0; k < other.length; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    };
    for (const [i, other] of this.#rows.entries()) if (i !== r) eliminate(other);
    if (obj !== undefined) eliminate(obj);
    this.#basis[r] = j;
  }

  /** Pivots artificial variables out of the basis, drops redundant rows, then the artificial columns. */
  #dropArtificials(): void {
    const n = this.#n;
    const keep: number[] = [];
    for (let i = 0; i < this.#rows.length; i++) {
      if ((this.#basis[i] as number) >= n) {
        const row = this.#rows[i] as Float64Array;
        let j = 0;
        while (j < n && Math.abs(row[j] as number) <= EPS) j++;
        if (j === n) continue; // a redundant equation
        this.#pivot(i, j);
      }
      keep.push(i);
    }
    const width = this.#rows[0]?.length ?? n + 1;
    this.#rows = keep.map((i) => {
      const row = this.#rows[i] as Float64Array;
      const out = new Float64Array(n + 1);
      out.set(row.subarray(0, n));
      out[n] = row[width - 1] as number;
      return out;
    });
    this.#basis = keep.map((i) => this.#basis[i] as number);
  }
}
