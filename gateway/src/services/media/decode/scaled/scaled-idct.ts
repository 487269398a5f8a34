/**
 * The inverse DCT of one 8 × 8 block straight to fewer samples (as libjpeg's `scale_denom`): the
 * `nx` × `ny` lowest frequencies, put through an `nx`- by `ny`-point inverse transform, give the
 * block's picture at `nx`/8 × `ny`/8 of its size, each sample close to the mean of the pixels it
 * stands for. The high frequencies, which a smaller picture cannot show, are never computed. Pure.
 *
 * For N points: g(i) = Σ_{u<N} C(u)/2 · F(u) · cos((2i + 1)uπ / 2N), with C(0) = 1/√2 and 1 otherwise
 * (T.81 A.3.3 is the case N = 8): the N-point orthonormal transform of the block's N-sample means
 * is, for the low frequencies, √(N/8) × its 8-point one, and the factors cancel.
 */

/** Sample counts a block can be decoded to along a side. */
export type BlockSamples = 1 | 2 | 4 | 8;

/** `basis[n][i * n + u]` = C(u)/2 · cos((2i + 1)uπ / 2n). */
const basis: Record<BlockSamples, Float64Array> = { 1: table(1), 2: table(2), 4: table(4), 8: table(8) };

function table(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let u = 0; u < n; u++) out[i * n + u] = ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * i + 1) * u * Math.PI) / (2 * n));
  return out;
}

const rows = new Float64Array(64);
const deq = new Float64Array(8);
const out = new Uint8Array(64);

/**
 * Writes the `nx` × `ny` samples of a block (`coef`, quantised, from `at`, coefficient (u, v) at
 * `at + v × rowStride + u`: 8 for a whole block in natural order, `nx` for one kept to what the
 * transform reads; `quant` in natural order) into `plane` at (`x`, `y`), each repeated `rx` × `ry`
 * times (for a component sampled more coarsely than the scale can reach by the transform alone).
 */
export function idctBlockScaled(
  coef: ArrayLike<number>,
  at: number,
  rowStride: number,
  quant: Uint16Array,
  nx: BlockSamples,
  ny: BlockSamples,
  rx: number,
  ry: number,
  plane: Uint8Array,
  stride: number,
  x: number,
  y: number,
): void {
  const mx = basis[nx];
  const my = basis[ny];
  // Rows first: for each of the ny lowest vertical frequencies, nx samples across. Most
  // coefficients past the first few are zero: each row stops at its last non-zero one, the columns
  // at the last non-zero row, and a block with only its DC is flat.
  let used = 0;
  for (let v = 0; v < ny; v++) {
    let last = -1;
    for (let u = 0; u < nx; u++) {
      const c = coef[at + v * rowStride + u] as number;
      deq[u] = c * (quant[v * 8 + u] as number);
      if (c !== 0) last = u;
    }
    if (last >= 0) used = v + 1;
    for (let j = 0; j < nx; j++) {
      let sum = 0;
      for (let u = 0; u <= last; u++) sum += (deq[u] as number) * (mx[j * nx + u] as number);
      rows[v * 8 + j] = sum;
    }
  }
  const w = nx * rx;
  for (let i = 0; i < ny; i++) {
    for (let j = 0; j < nx; j++) {
      let sum = 128.5; // level shift (A.3.1) and rounding
      for (let v = 0; v < used; v++) sum += (my[i * ny + v] as number) * (rows[v * 8 + j] as number);
      out[i * 8 + j] = sum <= 0 ? 0 : sum >= 255 ? 255 : sum | 0;
    }
  }
  for (let i = 0; i < ny * ry; i++) {
    const row = (y + i) * stride + x;
    const src = ((i / ry) | 0) * 8;
    if (rx === 1) for (let j = 0; j < w; j++) plane[row + j] = out[src + j] as number;
    else for (let j = 0; j < w; j++) plane[row + j] = out[src + ((j / rx) | 0)] as number;
  }
}
