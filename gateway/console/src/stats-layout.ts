/**
 * Pure: where each bar of a stacked bar chart of a protected statistical series sits — one bar per
 * period, one segment per published category, stacked in the API's order from the baseline — and
 * how withheld figures are marked. The figures, totals and withheld flags (`null`) are the API's;
 * nothing here decides what is published.
 *
 * A withheld figure is never drawn as a zero, nor as an absent segment: every bar with one gets a
 * hatched mark. When the period's total is published, the mark fills the bar up to that total (the
 * part the withheld categories hold together, which the published table already implies), and is
 * at least {@link MIN_WITHHELD_PX} tall even when that part is zero, since a withheld figure may be
 * zero and the chart must still show it is withheld. When the total is withheld too, the mark has a
 * fixed height ({@link UNKNOWN_WITHHELD_PX}) that stands for "unknown", not for a quantity.
 */

/** A series as `shape=series` returns it: one stack per category, one bar per period; null is withheld. */
export interface StackedSeries {
  readonly periods: readonly string[];
  readonly groups: ReadonlyArray<{ readonly code: string; readonly counts: ReadonlyArray<number | null> }>;
  readonly totals: ReadonlyArray<number | null>;
}

/** The drawing area, in SVG user units: the whole chart and its margins around the plot. */
export interface PlotBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** One published figure, drawn as a segment of its bar. */
export interface Segment {
  readonly group: string;
  readonly value: number;
  readonly y: number;
  readonly height: number;
}

/** Where a bar's withheld figures are marked. */
export interface WithheldMark {
  /** Categories withheld in this period, in the API's order. */
  readonly groups: readonly string[];
  /** Whether the period's total is published (the mark then reaches it). */
  readonly totalKnown: boolean;
  readonly y: number;
  readonly height: number;
}

export interface Bar {
  readonly period: string;
  readonly index: number;
  readonly x: number;
  readonly width: number;
  /** Published figures other than zero, bottom first (a published zero takes no room). */
  readonly segments: readonly Segment[];
  readonly withheld: WithheldMark | null;
  /** The period's total as published, or null when withheld. */
  readonly total: number | null;
  /** Top of everything drawn for this bar (where its total is labelled). */
  readonly top: number;
}

export interface ChartLayout {
  readonly bars: readonly Bar[];
  /** The value at the top of the axis. */
  readonly axisMax: number;
  readonly ticks: ReadonlyArray<{ readonly value: number; readonly y: number }>;
  /** y of the zero line. */
  readonly baseline: number;
}

/** Smallest height of a withheld mark, so that a withheld zero still shows. */
export const MIN_WITHHELD_PX = 6;
/** Height of the mark of a bar whose total is withheld: a sign, not a quantity. */
export const UNKNOWN_WITHHELD_PX = 14;
/** Share of a period's slot a bar takes. */
export const BAR_SHARE = 0.64;
/** Most gridlines on the value axis. */
const MAX_TICKS = 6;

/** Round steps for the value axis: 1, 2 or 5 times a power of ten, at most `maxTicks` of them. */
export function niceTicks(max: number, maxTicks = MAX_TICKS): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / (maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const whole = Math.max(1, Math.round(step));
  const top = Math.ceil(max / whole) * whole;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += whole) ticks.push(v);
  return ticks;
}

/**
 * The layout of `series` in `box`. Throws a TypeError when a category or the totals do not have one
 * figure per period (the caller passed something that is not a series).
 */
export function stackedBars(series: StackedSeries, box: PlotBox): ChartLayout {
  const n = series.periods.length;
  if (series.totals.length !== n || series.groups.some((g) => g.counts.length !== n))
    throw new TypeError('every category and the totals need one figure per period');
  const published = (i: number) => series.groups.reduce((sum, g) => sum + (g.counts[i] ?? 0), 0);
  // The tallest bar decides the axis: its published total, or what is published of it.
  const tallest = Math.max(0, ...series.periods.map((_, i) => series.totals[i] ?? published(i)));
  const ticks = niceTicks(tallest);
  const axisMax = ticks.at(-1) ?? 1;
  const baseline = box.height - box.bottom;
  const plotHeight = baseline - box.top;
  const scale = (v: number) => (v / axisMax) * plotHeight;
  const slot = (box.width - box.left - box.right) / Math.max(1, n);
  const width = slot * BAR_SHARE;

  const bars = series.periods.map((period, i): Bar => {
    const x = box.left + i * slot + (slot - width) / 2;
    const segments: Segment[] = [];
    let stacked = 0;
    for (const g of series.groups) {
      const v = g.counts[i];
      if (v === null || v === undefined || v === 0) continue;
      segments.push({ group: g.code, value: v, y: baseline - scale(stacked + v), height: scale(v) });
      stacked += v;
    }
    const total = series.totals[i] ?? null;
    const withheldGroups = series.groups.filter((g) => g.counts[i] === null).map((g) => g.code);
    const stackTop = baseline - scale(stacked);
    let withheld: WithheldMark | null = null;
    if (withheldGroups.length > 0 || total === null) {
      const height = total === null ? UNKNOWN_WITHHELD_PX : Math.max(MIN_WITHHELD_PX, scale(Math.max(0, total - stacked)));
      withheld = { groups: withheldGroups, totalKnown: total !== null, y: stackTop - height, height };
    }
    return { period, index: i, x, width, segments, withheld, total, top: withheld === null ? stackTop : withheld.y };
  });
  return { bars, axisMax, ticks: ticks.map((value) => ({ value, y: baseline - scale(value) })), baseline };
}
