import { describe, expect, it } from 'vitest';
import { brightness, cellSteps, foldRepetitions, levelsFromSteps } from './image-fold.js';
import { seededRandom } from './synthetic-page.js';

const COLS = 11;
const ROWS = 9;

/** Steps between neighbouring cells of a level grid on the torus, as the decoder measures them. */
function stepsOf(level: Float64Array): { x: Float64Array; y: Float64Array } {
  const at = (r: number, c: number) => ((r + ROWS) % ROWS) * COLS + ((c + COLS) % COLS);
  const x = new Float64Array(COLS * ROWS);
  const y = new Float64Array(COLS * ROWS);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      x[at(r, c)] = (level[at(r, c)] as number) - (level[at(r, c - 1)] as number);
      y[at(r, c)] = (level[at(r, c)] as number) - (level[at(r - 1, c)] as number);
    }
  }
  return { x, y };
}

const randomMark = (seed: number) => {
  const rnd = seededRandom(seed);
  return Float64Array.from({ length: COLS * ROWS }, () => (rnd() < 0.5 ? -6 : 0));
};

describe('levelsFromSteps', () => {
  it('recovers cell levels up to a constant from exact steps', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const truth = randomMark(seed);
      const { x, y } = stepsOf(truth);
      const found = levelsFromSteps(x, y, COLS, ROWS);
      const offset = (found[0] as number) - (truth[0] as number);
      for (let i = 0; i < truth.length; i++) expect((found[i] as number) - (truth[i] as number)).toBeCloseTo(offset, 6);
    }
  });

  it('discounts scattered steps that ink or an edge disturbed, instead of bending the levels around them', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const truth = randomMark(seed);
      const { x, y } = stepsOf(truth);
      const rnd = seededRandom(100 + seed);
      // A dozen of the 198 steps off by 15–40 levels: what a glyph left in a few folded cells looks like.
      for (let k = 0; k < 12; k++) {
        const steps = rnd() < 0.5 ? x : y;
        const i = Math.floor(rnd() * steps.length);
        steps[i] = (steps[i] as number) + (rnd() < 0.5 ? -1 : 1) * (15 + 25 * rnd());
      }
      const found = levelsFromSteps(x, y, COLS, ROWS);
      const dark = [...found].filter((_, i) => truth[i] === -6);
      const light = [...found].filter((_, i) => truth[i] === 0);
      expect(Math.max(...dark), `seed ${seed}`).toBeLessThan(Math.min(...light));
    }
  });

  it('cannot tell a whole row of steps shifted alike from the mark: that offset spreads over the rows', () => {
    // Every small cycle crosses such a row twice and sees nothing; only the torus as a whole does. This
    // is why a crop needs enough repetitions that no edge lines up in most of them (TRACE-MARKS.md).
    const truth = randomMark(7);
    const { x, y } = stepsOf(truth);
    for (let c = 0; c < COLS; c++) y[4 * COLS + c] = (y[4 * COLS + c] as number) + 9;
    const found = levelsFromSteps(x, y, COLS, ROWS);
    const rowOffset = (r: number) => (found[r * COLS] as number) - (truth[r * COLS] as number);
    expect(rowOffset(4) - rowOffset(3)).toBeCloseTo(8, 0); // 9 × 8/9 of the shift is taken as real
  });
});

describe('foldRepetitions', () => {
  it('keeps the value shared by most repetitions and ignores the outliers, noise or not', () => {
    const [w, h] = [12, 12]; // 3 × 3 repetitions of a 4 × 4 period
    const rnd = seededRandom(3);
    for (const noise of [0, 2]) {
      const values = new Int16Array(w * h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const mark = (x % 4) + 10 * (y % 4);
          const rep = Math.floor(x / 4) + 3 * Math.floor(y / 4);
          values[y * w + x] = rep < 3 ? -400 + rep : mark + Math.round((rnd() * 2 - 1) * noise); // 3 of 9 covered by ink
        }
      }
      const folded = foldRepetitions(values, w, h, 4, 4);
      for (let fy = 0; fy < 4; fy++)
        for (let fx = 0; fx < 4; fx++) expect(Math.abs((folded[fy * 4 + fx] as number) - (fx + 10 * fy))).toBeLessThanOrEqual(noise);
    }
  });

  it('folds only the pixels from (fromX, fromY) on, by their position in the whole image', () => {
    const values = Int16Array.from({ length: 6 * 2 }, (_, i) => (i % 6 < 2 ? 999 : i % 2));
    expect([...foldRepetitions(values, 6, 2, 2, 1, 2, 0)]).toEqual([0, 1]);
  });
});

describe('brightness and cellSteps', () => {
  it('sum the colour channels and difference them one cell apart', () => {
    const rgba = Uint8Array.of(255, 255, 255, 9, 253, 253, 253, 9, 10, 20, 30, 0);
    const lum = brightness(rgba, 3, 1);
    expect([...lum]).toEqual([765, 759, 60]);
    expect([...cellSteps(lum, 3, 1, 1, 'x')]).toEqual([0, -6, -699]);
    expect([...cellSteps(Uint16Array.of(1, 2, 5, 9), 2, 2, 1, 'y')]).toEqual([0, 0, 4, 7]);
  });
});
