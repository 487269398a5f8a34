import { describe, expect, it } from 'vitest';
import { MIN_WITHHELD_PX, niceTicks, stackedBars, UNKNOWN_WITHHELD_PX, type PlotBox, type StackedSeries } from './stats-layout.js';

/** A plot 200 units tall (baseline at 220) and 300 wide, so that one unit of count is easy to check. */
const BOX: PlotBox = { width: 340, height: 240, left: 30, right: 10, top: 20, bottom: 20 };
const BASELINE = 220;
const PLOT = 200;

const series = (groups: Record<string, Array<number | null>>, totals: Array<number | null>): StackedSeries => ({
  periods: totals.map((_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
  groups: Object.entries(groups).map(([code, counts]) => ({ code, counts })),
  totals,
});

describe('stacked bars of a protected series', () => {
  it('stacks published figures in the API’s order from the baseline, heights proportional to the counts', () => {
    const layout = stackedBars(series({ 1: [12, 20], 2: [10, 0], 3: [18, 20] }, [40, 40]), BOX);
    expect(layout.axisMax).toBe(40);
    expect(layout.baseline).toBe(BASELINE);
    const [jan, feb] = layout.bars;
    expect(jan?.segments.map((s) => [s.group, s.value])).toEqual([
      ['1', 12],
      ['2', 10],
      ['3', 18],
    ]);
    expect(jan?.segments[0]?.y).toBeCloseTo(BASELINE - (12 / 40) * PLOT);
    expect(jan?.segments[0]?.height).toBeCloseTo((12 / 40) * PLOT);
    expect(jan?.segments[1]?.y).toBeCloseTo(BASELINE - (22 / 40) * PLOT);
    // Each segment sits on the one below it, and the stack reaches the total.
    for (const bar of layout.bars) {
      let bottom = BASELINE;
      for (const s of bar.segments) {
        expect(s.y + s.height).toBeCloseTo(bottom);
        bottom = s.y;
      }
      expect(bottom).toBeCloseTo(BASELINE - ((bar.total ?? 0) / 40) * PLOT);
      expect(bar.withheld).toBeNull();
    }
    // A published zero takes no room and is not withheld.
    expect(feb?.segments.map((s) => s.group)).toEqual(['1', '3']);
  });

  it('places one bar per period, evenly, inside the plot', () => {
    const layout = stackedBars(series({ 1: Array<number>(12).fill(3) }, Array<number>(12).fill(3)), BOX);
    expect(layout.bars).toHaveLength(12);
    const slot = 300 / 12;
    layout.bars.forEach((b, i) => {
      expect(b.x).toBeGreaterThanOrEqual(BOX.left + i * slot);
      expect(b.x + b.width).toBeLessThanOrEqual(BOX.left + (i + 1) * slot);
      expect(b.index).toBe(i);
    });
  });

  it('marks withheld figures above the published ones, reaching the published total', () => {
    const layout = stackedBars(series({ 1: [14], 2: [null], 3: [12], 4: [null], 5: [0] }, [40]), BOX);
    const bar = layout.bars[0];
    expect(bar?.segments.map((s) => s.group)).toEqual(['1', '3']);
    expect(bar?.withheld).toMatchObject({ groups: ['2', '4'], totalKnown: true });
    // 26 published, 14 held together by the withheld figures: the mark fills the bar to 40.
    expect(bar?.withheld?.height).toBeCloseTo((14 / 40) * PLOT);
    expect(bar?.withheld?.y).toBeCloseTo(BASELINE - PLOT);
    expect(bar?.top).toBeCloseTo(BASELINE - PLOT);
    expect(bar?.total).toBe(40);
  });

  it('never draws a withheld figure as zero: a withheld part holding nothing still shows', () => {
    // The withheld figure may be zero (a complementary cell): the total equals what is published.
    const layout = stackedBars(series({ 1: [12, 0], 2: [null, null] }, [12, 0]), BOX);
    for (const bar of layout.bars) {
      expect(bar.withheld?.groups).toEqual(['2']);
      expect(bar.withheld?.height).toBe(MIN_WITHHELD_PX);
    }
    // An otherwise empty month still carries the mark, standing on the baseline.
    expect(layout.bars[1]?.segments).toEqual([]);
    expect(layout.bars[1]?.withheld?.y).toBe(BASELINE - MIN_WITHHELD_PX);
  });

  it('marks a withheld total with a fixed sign, not a quantity, and scales the axis on what is published', () => {
    const layout = stackedBars(series({ 1: [null, 30], 2: [4, 0] }, [null, 30]), BOX);
    const [jan, feb] = layout.bars;
    expect(jan?.total).toBeNull();
    expect(jan?.withheld).toMatchObject({ groups: ['1'], totalKnown: false, height: UNKNOWN_WITHHELD_PX });
    expect(jan?.segments.map((s) => s.value)).toEqual([4]);
    expect(feb?.withheld).toBeNull();
    expect(layout.axisMax).toBe(30);
  });

  it('refuses a series whose figures do not match its periods', () => {
    expect(() => stackedBars({ periods: ['2025-01', '2025-02'], groups: [{ code: '1', counts: [1] }], totals: [1, 2] }, BOX)).toThrow(TypeError);
    expect(() => stackedBars({ periods: ['2025-01'], groups: [], totals: [] }, BOX)).toThrow(TypeError);
  });

  it('draws an empty year on a unit axis without bars or marks', () => {
    const layout = stackedBars(series({ 1: [0, 0], 2: [0, 0] }, [0, 0]), BOX);
    expect(layout.axisMax).toBe(1);
    expect(layout.bars.every((b) => b.segments.length === 0 && b.withheld === null)).toBe(true);
  });
});

describe('value axis', () => {
  it('uses round steps that cover the largest value', () => {
    expect(niceTicks(36)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(101)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(2500)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });
});
