/**
 * The pixel work of reading an image mark: turn a screenshot into cell-to-cell steps, fold them onto
 * one tile period, find where the cell grid falls, and measure each cell. Pure functions over plain
 * arrays.
 *
 * Why steps rather than levels: a page has areas of different background (white, a tinted card, a
 * grey bar), and which of them a tile position falls on changes from one repetition to the next, so
 * folded levels jump wherever that mix tips. The step from one cell to the next is the mark's alone
 * on any flat background (about −B·α when a marked cell follows an unmarked one, B the background
 * level), and only the few pixels within a cell of an edge, a glyph or a picture are disturbed.
 */

/**
 * Brightness of every pixel as R + G + B (0–765): three independently rounded channels give three
 * times the resolution of one, which matters when the mark moves each channel by one or two levels.
 */
export function brightness(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint16Array {
  const out = new Uint16Array(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) out[i] = (rgba[p] as number) + (rgba[p + 1] as number) + (rgba[p + 2] as number);
  return out;
}

/**
 * Each pixel's brightness minus that of the pixel `cell` before it along `axis` (0 where there is
 * none: the first `cell` columns or rows, which `foldRepetitions` then leaves out).
 */
export function cellSteps(lum: Uint16Array, width: number, height: number, cell: number, axis: 'x' | 'y'): Int16Array {
  const out = new Int16Array(lum.length);
  const back = axis === 'x' ? cell : cell * width;
  for (let y = axis === 'y' ? cell : 0; y < height; y++) {
    for (let x = axis === 'x' ? cell : 0, i = y * width + x; x < width; x++, i++) out[i] = (lum[i] as number) - (lum[i - back] as number);
  }
  return out;
}

/**
 * Samples further than this (R+G+B levels) from a fold position's median are ink, an edge or a
 * picture rather than the mark plus noise, and are left out of its mean.
 */
const FOLD_WINDOW = 12;

/**
 * Folds an image onto a `periodX` × `periodY` tile: each tile position (x mod periodX, y mod
 * periodY) gets a robust mean of all the pixels at or beyond (`fromX`, `fromY`) that fall on it —
 * the mean of those within `FOLD_WINDOW` of their median. The mark repeats identically while text
 * and pictures differ between repetitions, so this keeps the mark and drops what is drawn beneath it
 * wherever fewer than half the repetitions are covered; unlike the bare median it is not pulled
 * towards the outliers when noise spreads the clean samples. The region used must hold at least one
 * whole period in each direction.
 */
export function foldRepetitions(values: Int16Array, width: number, height: number, periodX: number, periodY: number, fromX = 0, fromY = 0): Float32Array {
  const count = (from: number, size: number, period: number, f: number) => {
    const first = from + ((((f - from) % period) + period) % period);
    return first < size ? Math.floor((size - 1 - first) / period) + 1 : 0;
  };
  const countX = Int32Array.from({ length: periodX }, (_, fx) => count(fromX, width, periodX, fx));
  const countY = Int32Array.from({ length: periodY }, (_, fy) => count(fromY, height, periodY, fy));
  const start = new Int32Array(periodX * periodY + 1);
  for (let fy = 0, k = 0; fy < periodY; fy++) {
    for (let fx = 0; fx < periodX; fx++, k++) start[k + 1] = (start[k] as number) + (countX[fx] as number) * (countY[fy] as number);
  }
  const samples = new Int16Array(start[periodX * periodY] as number);
  const cursor = start.slice(0, periodX * periodY);
  for (let y = fromY; y < height; y++) {
    const row = (y % periodY) * periodX;
    for (let x = fromX, fx = fromX % periodX, i = y * width + fromX; x < width; x++, i++) {
      const k = row + fx;
      samples[cursor[k] as number] = values[i] as number;
      cursor[k] = (cursor[k] as number) + 1;
      if (++fx === periodX) fx = 0;
    }
  }
  const folded = new Float32Array(periodX * periodY);
  for (let k = 0; k < folded.length; k++) {
    const group = samples.subarray(start[k], start[k + 1]).sort();
    const mid = group.length >> 1;
    const median = group.length % 2 === 1 ? (group[mid] as number) : ((group[mid - 1] as number) + (group[mid] as number)) / 2;
    let sum = 0;
    let n = 0;
    for (const v of group) {
      if (Math.abs(v - median) <= FOLD_WINDOW) {
        sum += v;
        n++;
      }
    }
    folded[k] = n === 0 ? median : sum / n;
  }
  return folded;
}

/**
 * Differences larger than this (R+G+B levels) between neighbouring folded pixels are ink or an edge
 * that survived the median, not the mark (whose steps change by at most 12): counted only up to it
 * so a few of them cannot outvote the grid.
 */
const EDGE_CLIP = 16;

/**
 * The offsets (0 … cell − 1) at which cell boundaries most likely fall along each axis, best first,
 * from folded tiles (`folds`, all the same size). Differences between neighbouring pixels (clipped
 * at `EDGE_CLIP`) are summed at every candidate set of boundaries: the mark changes only at the true
 * ones, noise everywhere.
 */
export function gridPhases(folds: readonly Float32Array[], periodX: number, periodY: number, cell: number): { x: number[]; y: number[] } {
  const edgeX = new Float64Array(periodX);
  const edgeY = new Float64Array(periodY);
  for (const folded of folds) {
    for (let y = 0; y < periodY; y++) {
      const up = ((y + periodY - 1) % periodY) * periodX;
      for (let x = 0; x < periodX; x++) {
        const v = folded[y * periodX + x] as number;
        edgeX[x] = (edgeX[x] as number) + Math.min(EDGE_CLIP, Math.abs(v - (folded[y * periodX + ((x + periodX - 1) % periodX)] as number)));
        edgeY[y] = (edgeY[y] as number) + Math.min(EDGE_CLIP, Math.abs(v - (folded[up + x] as number)));
      }
    }
  }
  const rank = (edges: Float64Array, period: number) => {
    const score = Array.from({ length: cell }, (_, p) => {
      let sum = 0;
      for (let b = p; b < period; b += cell) sum += edges[b] as number;
      return sum;
    });
    return score
      .map((s, p) => [s, p] as const)
      .sort((a, b) => b[0] - a[0])
      .map(([, p]) => p);
  };
  return { x: rank(edgeX, periodX), y: rank(edgeY, periodY) };
}

/** The grid of cells in a folded tile. */
export interface CellGrid {
  readonly cols: number;
  readonly rows: number;
  /** Cell side in pixels. */
  readonly cell: number;
  /** Pixels left out along each cell edge, where a misjudged phase or resampling blurs cells together. */
  readonly margin: number;
}

/**
 * The value of each cell of a folded tile whose grid starts at (`phaseX`, `phaseY`), row-major: the
 * mean of the middle half of its inner pixels, which averages noise yet ignores the few pixels that
 * ink covered in most repetitions.
 */
export function cellValues(folded: Float32Array, periodX: number, periodY: number, grid: CellGrid, phaseX: number, phaseY: number): Float64Array {
  const { cols, rows, cell, margin } = grid;
  const out = new Float64Array(cols * rows);
  const values = new Float32Array((cell - 2 * margin) ** 2);
  const from = values.length >> 2;
  const to = values.length - from;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let n = 0;
      for (let dy = margin; dy < cell - margin; dy++) {
        const y = (phaseY + r * cell + dy) % periodY;
        for (let dx = margin; dx < cell - margin; dx++) values[n++] = folded[y * periodX + ((phaseX + c * cell + dx) % periodX)] as number;
      }
      values.sort();
      let sum = 0;
      for (let i = from; i < to; i++) sum += values[i] as number;
      out[r * cols + c] = sum / (to - from);
    }
  }
  return out;
}

/** Gauss–Seidel sweeps per weighting round: the slowest error mode on an 11 × 9 torus shrinks ≈ 0.64× per sweep. */
const SOLVER_SWEEPS = 60;
/** Re-weighting rounds of the robust solve. */
const SOLVER_ROUNDS = 8;
/** Residual (R+G+B levels) at which a step's weight halves: a third of a marked step on white. */
const SOLVER_SCALE = 2;

/**
 * Cell levels (up to a constant) whose differences best match the measured steps on the tile's
 * torus: `stepX[r][c]` ≈ level[r][c] − level[r][c−1], `stepY[r][c]` ≈ level[r][c] − level[r−1][c],
 * indices wrapping. Each level rests on four steps, and the fit is robust (iteratively re-weighted
 * least squares with Cauchy weights): steps that disagree with their neighbours around small cycles,
 * such as those a glyph disturbed in a few folded cells, are discounted instead of bending the levels
 * around them. A whole row of steps shifted alike is consistent around every small cycle and cannot
 * be told apart this way; its shift spreads over the rows.
 */
export function levelsFromSteps(stepX: Float64Array, stepY: Float64Array, cols: number, rows: number): Float64Array {
  const at = (r: number, c: number) => ((r + rows) % rows) * cols + ((c + cols) % cols);
  const level = new Float64Array(cols * rows);
  const weightX = new Float64Array(cols * rows).fill(1);
  const weightY = new Float64Array(cols * rows).fill(1);
  for (let round = 0; round < SOLVER_ROUNDS; round++) {
    for (let sweep = 0; sweep < SOLVER_SWEEPS; sweep++) {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const here = at(r, c);
          const right = at(r, c + 1);
          const down = at(r + 1, c);
          const wl = weightX[here] as number;
          const wr = weightX[right] as number;
          const wu = weightY[here] as number;
          const wd = weightY[down] as number;
          const sum =
            wl * ((level[at(r, c - 1)] as number) + (stepX[here] as number)) +
            wr * ((level[right] as number) - (stepX[right] as number)) +
            wu * ((level[at(r - 1, c)] as number) + (stepY[here] as number)) +
            wd * ((level[down] as number) - (stepY[down] as number));
          level[here] = sum / (wl + wr + wu + wd);
        }
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const here = at(r, c);
        const residualX = (level[here] as number) - (level[at(r, c - 1)] as number) - (stepX[here] as number);
        const residualY = (level[here] as number) - (level[at(r - 1, c)] as number) - (stepY[here] as number);
        weightX[here] = 1 / (1 + (residualX / SOLVER_SCALE) ** 2);
        weightY[here] = 1 / (1 + (residualY / SOLVER_SCALE) ** 2);
      }
    }
  }
  return level;
}
