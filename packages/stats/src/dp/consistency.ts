/**
 * The closest point to `y` (in Euclidean distance) with non-negative entries summing to `total`: the
 * projection onto a scaled simplex (Duchi, Shalev-Shwartz, Singer and Chandra, ICML 2008).
 */
export function projectToSimplex(y: readonly number[], total: number): number[] {
  if (total <= 0) return y.map(() => 0);
  const sorted = [...y].sort((a, b) => b - a);
  let sum = 0;
  let theta = 0;
  for (let j = 0; j < sorted.length; j++) {
    sum += sorted[j] as number;
    const candidate = (sum - total) / (j + 1);
    if ((sorted[j] as number) - candidate > 0) theta = candidate;
  }
  return y.map((v) => Math.max(v - theta, 0));
}

/**
 * Integers close to `x` (non-negative, summing to `total`, which x must already sum to): every entry
 * rounded down, then the units left over given to the largest remainders (ties: the first).
 */
export function roundPreservingSum(x: readonly number[], total: number): number[] {
  const floors = x.map((v) => Math.floor(v + 1e-9));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = x.map((v, i) => [v - (floors[i] as number), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  // Rounding error can leave one unit too many: take it from the largest entry.
  while (left < 0) {
    const i = floors.indexOf(Math.max(...floors));
    floors[i] = (floors[i] as number) - 1;
    left++;
  }
  return floors;
}

/** Non-negative integers summing to `total`, as close to the noisy `y` as the two rules above make them. */
export function consistentSplit(y: readonly number[], total: number): number[] {
  return roundPreservingSum(projectToSimplex(y, total), total);
}
