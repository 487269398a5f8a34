import { StatsError } from '../errors.js';
import { Hierarchy } from './hierarchy.js';

/** A dimension of a table: its hierarchy and how a record's facet value finds its leaf. */
export interface Dimension {
  readonly hierarchy: Hierarchy;
  /** The leaf node of a record's value, or −1 when the value is outside the table (another year, an unknown code). */
  leafOf(value: unknown): number;
}

/** Levels of the place hierarchy, as the schema's place codes nest (2, 4 and 6 digits). */
export const PLACE_LEVELS = ['national', 'province', 'district', 'commune'] as const;
export type PlaceLevel = Exclude<(typeof PLACE_LEVELS)[number], 'national'>;
const PLACE_CODE_LENGTH: Readonly<Record<PlaceLevel, number>> = { province: 2, district: 4, commune: 6 };

/** Code of the root of category and place dimensions. */
export const ALL = 'all';

/**
 * Places down to `leafLevel`, from place codes (`12` a province, `1201` a district, `120101` commune 01
 * of district 1201 of province 12). Codes finer than the leaf level are cut to it; coarser ones and
 * malformed ones are ignored.
 */
export function placeDimension(codes: Iterable<string>, leafLevel: PlaceLevel): Dimension {
  const depth = PLACE_LEVELS.indexOf(leafLevel);
  const cut = PLACE_CODE_LENGTH[leafLevel];
  const paths = new Map<string, string[]>();
  for (const code of codes) {
    if (!/^\d{2}(\d{2}){0,2}$/.test(code) || code.length < cut) continue;
    const leaf = code.slice(0, cut);
    if (!paths.has(leaf)) paths.set(leaf, [leaf.slice(0, 2), leaf.slice(0, 4), leaf].slice(0, depth));
  }
  const hierarchy = Hierarchy.fromPaths('place', PLACE_LEVELS.slice(0, depth + 1), ALL, paths.values());
  return { hierarchy, leafOf: (value) => (typeof value === 'string' && value.length >= cut ? hierarchy.indexOf(value.slice(0, cut)) : -1) };
}

/** Grains of the calendar: a year above its semesters, quarters and months. */
export const PERIOD_GRAINS = ['year', 'semester', 'quarter', 'month'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The calendar year `year` down to `grain`: `2025` → `2025-H1` → `2025-Q1` → `2025-01`. Records
 * carry a month (`YYYY-MM`); months of other years are outside the table.
 */
export function periodDimension(year: number, grain: PeriodGrain): Dimension {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new StatsError('ERR_PARAMETER', 'year out of range');
  const depth = PERIOD_GRAINS.indexOf(grain);
  const paths: string[][] = [];
  for (let m = 1; m <= 12; m++) {
    const full = [`${year}-H${m <= 6 ? 1 : 2}`, `${year}-Q${Math.ceil(m / 3)}`, `${year}-${pad2(m)}`];
    paths.push(full.slice(0, depth));
  }
  const hierarchy = Hierarchy.fromPaths('period', PERIOD_GRAINS.slice(0, depth + 1), String(year), paths);
  const byMonth = new Map<string, number>();
  for (let m = 1; m <= 12; m++) {
    const full = [String(year), `${year}-H${m <= 6 ? 1 : 2}`, `${year}-Q${Math.ceil(m / 3)}`, `${year}-${pad2(m)}`];
    byMonth.set(`${year}-${pad2(m)}`, hierarchy.indexOf(full[depth] as string));
  }
  return { hierarchy, leafOf: (value) => (typeof value === 'string' ? (byMonth.get(value) ?? -1) : -1) };
}

/** ISO weeks `YYYY-Www` from `from` to `to` inclusive, in calendar order. */
export function isoWeeksBetween(from: string, to: string): string[] {
  const monday = (week: string): number => {
    const m = /^(\d{4})-W(\d{2})$/.exec(week);
    if (m === null) throw new StatsError('ERR_PARAMETER', 'a week is YYYY-Www');
    const year = Number(m[1]);
    const n = Number(m[2]);
    const jan4 = Date.UTC(year, 0, 4);
    const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
    const start = jan4 - jan4Weekday * 86_400_000 + (n - 1) * 7 * 86_400_000;
    if (n < 1 || isoWeekOf(start) !== week) throw new StatsError('ERR_PARAMETER', `no week ${week}`);
    return start;
  };
  const out: string[] = [];
  for (let t = monday(from), end = monday(to); t <= end; t += 7 * 86_400_000) out.push(isoWeekOf(t));
  return out;
}

function isoWeekOf(ms: number): string {
  const d = new Date(ms);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${pad2(week)}`;
}

/** Consecutive ISO weeks under one total (`2026-W10/2026-W22`). */
export function weekDimension(weeks: readonly string[]): Dimension {
  if (weeks.length === 0) throw new StatsError('ERR_PARAMETER', 'no weeks');
  const hierarchy = Hierarchy.fromPaths(
    'period',
    ['range', 'week'],
    `${weeks[0]}/${weeks.at(-1)}`,
    weeks.map((w) => [w]),
  );
  return { hierarchy, leafOf: (value) => (typeof value === 'string' ? hierarchy.indexOf(value) : -1) };
}

/**
 * Every ISO week of ISO year `year` under the year's total (`2026` → `2026-W01` … `2026-W53`): the
 * fixed calendar a week-based table is protected on, whatever range a request shows.
 */
export function isoYearDimension(year: number): Dimension {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new StatsError('ERR_PARAMETER', 'year out of range');
  // 28 December always lies in the last ISO week of its year.
  const last = isoWeekOf(Date.UTC(year, 11, 28));
  const weeks = isoWeeksBetween(`${year}-W01`, last);
  const hierarchy = Hierarchy.fromPaths(
    'period',
    ['year', 'week'],
    String(year),
    weeks.map((w) => [w]),
  );
  return { hierarchy, leafOf: (value) => (typeof value === 'string' && value.startsWith(`${year}-W`) ? hierarchy.indexOf(value) : -1) };
}

/** A flat classification: "all" above `values` (criteria, measures, test results). */
export function categoryDimension(name: string, values: readonly (string | number)[]): Dimension {
  const hierarchy = Hierarchy.fromPaths(
    name,
    [ALL, name],
    ALL,
    values.map((v) => [String(v)]),
  );
  return { hierarchy, leafOf: (value) => (typeof value === 'string' || typeof value === 'number' ? hierarchy.indexOf(String(value)) : -1) };
}
