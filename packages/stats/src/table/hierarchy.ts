import { StatsError } from '../errors.js';

/**
 * One classification of a table as a rooted tree: the national total above provinces above districts
 * above communes, a year above its semesters, quarters and months, or "all" above the five criteria.
 * Every leaf is at the same depth. Nodes are numbered breadth-first, children of one parent next to
 * each other and in code order, so that a level is a contiguous range of node numbers.
 */
export class Hierarchy {
  /** Name of the dimension (`place`, `criterion`, `period`, …). */
  readonly name: string;
  /** Name of each level, root first (`national`, `province`, …). */
  readonly levelNames: readonly string[];
  /** Code of each node (`all`, `12`, `1201`, `2025-Q1`, …). */
  readonly codes: readonly string[];
  /** Level of each node (0 = root). */
  readonly level: Int32Array;
  /** Parent of each node (−1 for the root). */
  readonly parent: Int32Array;
  /** First child of each node and how many it has (children are contiguous). */
  readonly childStart: Int32Array;
  readonly childCount: Int32Array;
  /** Node range of each level: level ℓ is `[levelStart[ℓ], levelStart[ℓ + 1])`. */
  readonly levelStart: readonly number[];
  readonly #byCode: Map<string, number>;

  private constructor(name: string, levelNames: readonly string[], codes: string[], parent: number[], level: number[]) {
    this.name = name;
    this.levelNames = levelNames;
    this.codes = codes;
    this.parent = Int32Array.from(parent);
    this.level = Int32Array.from(level);
    const n = codes.length;
    this.childStart = new Int32Array(n).fill(-1);
    this.childCount = new Int32Array(n);
    for (let i = 1; i < n; i++) {
      const p = parent[i] as number;
      if (this.childStart[p] === -1) this.childStart[p] = i;
      this.childCount[p] = (this.childCount[p] as number) + 1;
    }
    const starts: number[] = [];
    for (let l = 0; l < levelNames.length; l++) starts.push(level.indexOf(l) === -1 ? n : level.indexOf(l));
    starts.push(n);
    this.levelStart = starts;
    this.#byCode = new Map(codes.map((c, i) => [c, i]));
  }

  /**
   * A hierarchy whose root is `rootCode` and whose leaves are given by their paths below the root
   * (one code per level, e.g. `['12', '1201', '120101']`). Paths may repeat; every path must have one
   * code per level below the root, and a code must have one parent.
   *
   * @example Hierarchy.fromPaths('criterion', ['all', 'criterion'], 'all', [['1'], ['2']])
   */
  static fromPaths(name: string, levelNames: readonly string[], rootCode: string, paths: Iterable<readonly string[]>): Hierarchy {
    const depth = levelNames.length - 1;
    const childrenOf = new Map<string, Set<string>>([[rootCode, new Set()]]);
    const parentOf = new Map<string, string>();
    for (const path of paths) {
      if (path.length !== depth) throw new StatsError('ERR_HIERARCHY', `a path of ${name} must have ${depth} codes`);
      let up = rootCode;
      for (const code of path) {
        const known = parentOf.get(code);
        if (known !== undefined && known !== up) throw new StatsError('ERR_HIERARCHY', `${name} code ${code} has two parents`);
        if (code === rootCode) throw new StatsError('ERR_HIERARCHY', `${name} code ${code} repeats the root`);
        parentOf.set(code, up);
        (childrenOf.get(up) ?? childrenOf.set(up, new Set()).get(up))?.add(code);
        if (!childrenOf.has(code)) childrenOf.set(code, new Set());
        up = code;
      }
    }
    const codes = [rootCode];
    const parent = [-1];
    const level = [0];
    for (let i = 0; i < codes.length; i++) {
      const kids = [...(childrenOf.get(codes[i] as string) ?? [])].sort();
      for (const kid of kids) {
        codes.push(kid);
        parent.push(i);
        level.push((level[i] as number) + 1);
      }
    }
    if (depth > 0 && codes.length === 1) throw new StatsError('ERR_HIERARCHY', `${name} has no leaves`);
    return new Hierarchy(name, levelNames, codes, parent, level);
  }

  /** Number of nodes. */
  get size(): number {
    return this.codes.length;
  }

  /** Depth of the leaves (0 when the root is the only node). */
  get depth(): number {
    return this.levelNames.length - 1;
  }

  /** Node number of `code`, or −1. */
  indexOf(code: string): number {
    return this.#byCode.get(code) ?? -1;
  }

  /** Node numbers of level `l`. */
  nodesAt(l: number): number[] {
    const out: number[] = [];
    for (let i = this.levelStart[l] as number; i < (this.levelStart[l + 1] as number); i++) out.push(i);
    return out;
  }

  /** Children of node `i`. */
  children(i: number): number[] {
    const out: number[] = [];
    const start = this.childStart[i] as number;
    for (let k = 0; k < (this.childCount[i] as number); k++) out.push(start + k);
    return out;
  }

  /** The other children of `i`'s parent. */
  siblings(i: number): number[] {
    const p = this.parent[i] as number;
    return p < 0 ? [] : this.children(p).filter((c) => c !== i);
  }

  /** `i` and its ancestors up to the root, `i` first. */
  pathToRoot(i: number): number[] {
    const out: number[] = [];
    for (let n = i; n >= 0; n = this.parent[n] as number) out.push(n);
    return out;
  }

  /** The ancestor of `i` at level `l` (`i` itself when it is at `l`). */
  ancestorAt(i: number, l: number): number {
    let n = i;
    while ((this.level[n] as number) > l) n = this.parent[n] as number;
    return n;
  }
}
