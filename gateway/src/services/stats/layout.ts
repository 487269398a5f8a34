import {
  categoryDimension,
  isoYearDimension,
  PERIOD_GRAINS,
  periodDimension,
  PLACE_LEVELS,
  placeDimension,
  type Dimension,
  type DimensionCut,
  type TabulationRow,
} from '@need2know/stats';
import { Problem } from '../../platform/errors/problem.js';
import type { FacetDimension, StatsTableDef } from './catalogue.js';
import type { StatsQuery } from './query.js';

/** The time window of a request as facet bounds (inclusive; months and ISO weeks sort as text). */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

/** The facet bounds of the request's period. */
export function timeWindow(q: StatsQuery): TimeWindow {
  if (q.weeks !== null) return { from: q.weeks[0] as string, to: q.weeks.at(-1) as string };
  return { from: `${q.year}-01`, to: `${q.year}-12` };
}

/** The ISO year of a week range; suppressed week tables are protected per ISO year, so a range must lie in one. */
function isoYearOf(weeks: readonly string[]): number {
  const years = new Set(weeks.map((w) => w.slice(0, 4)));
  if (years.size !== 1)
    throw new Problem(400, 'validation_failed', 'A suppressed table by week covers weeks of one ISO year.', {
      issues: [{ path: 'to', code: 'one_iso_year', message: 'from and to in the same ISO year' }],
    });
  return Number([...years][0]);
}

/** The year of the finest table a request is cut from: its calendar year, or the ISO year of its weeks. */
export function finestYear(q: StatsQuery): number {
  return q.weeks === null ? (q.year ?? 0) : isoYearOf(q.weeks);
}

/** The facet bounds of the finest table of a request's kind: the whole year, or the whole ISO year. */
export function finestWindow(q: StatsQuery): TimeWindow {
  if (q.weeks === null) return timeWindow(q);
  const year = isoYearOf(q.weeks);
  return { from: `${year}-W01`, to: `${year}-W53` };
}

/**
 * The finest table of a request's kind — every criterion, commune and month of the year (or every ISO
 * week of the ISO year) — and how to cut the request's grain from it. Suppression protects this one
 * table, whatever grain is asked for, and every release is a part of it: a province × quarter table,
 * a district × year one and one province's rows are all cut from the same protected cells, so no
 * combination of them shows more than that table does (METHOD.md).
 */
export function finestLayout(def: StatsTableDef, q: StatsQuery, places: readonly string[]): { dims: Dimension[]; cuts: DimensionCut[]; order: number[] } {
  const dims: Dimension[] = [];
  const cuts: DimensionCut[] = [];
  for (const d of def.dimensions) {
    switch (d.kind) {
      case 'category':
        dims.push(categoryDimension(d.name, d.values ?? []));
        cuts.push({ depth: 1 });
        break;
      case 'place':
        dims.push(placeDimension(places, 'commune'));
        cuts.push({ depth: PLACE_LEVELS.indexOf(q.level ?? 'province') });
        break;
      case 'time':
        if (q.weeks !== null) {
          const shown = new Set(q.weeks);
          dims.push(isoYearDimension(isoYearOf(q.weeks)));
          cuts.push({ depth: 1, keepLeaf: (code) => shown.has(code) });
        } else {
          dims.push(periodDimension(q.year ?? 0, 'month'));
          cuts.push({ depth: PERIOD_GRAINS.indexOf(q.period ?? 'month') });
        }
        break;
    }
  }
  return { dims, cuts, order: openingOrder(def, dims) };
}

/**
 * The order in which suppression opens the finest table: every category, then provinces, then every
 * period level, then districts and communes. Cells opened earlier are decided as if their own coarser
 * table were protected alone, so the headline figures (provinces by month or week, as the console
 * draws them) keep as much as they would alone, and the place detail below them carries the cost.
 */
function openingOrder(def: StatsTableDef, dims: readonly Dimension[]): number[] {
  const levels = (kind: FacetDimension['kind'], from: number, to?: number) =>
    def.dimensions.flatMap((d, i) => (d.kind === kind ? Array.from({ length: Math.max(0, (to ?? dims[i]?.hierarchy.depth ?? 0) - from) }, () => i) : []));
  return [...levels('category', 0), ...levels('place', 0, 1), ...levels('time', 0), ...levels('place', 1)];
}

/**
 * The places the finest table of a kind is laid out on: the place list and every place the records
 * name, once each and in order (so the layout is a function of the data alone). None for a table
 * without a place dimension.
 */
export function finestPlaces(def: StatsTableDef, gazetteer: readonly string[], rows: readonly TabulationRow[]): string[] {
  const placeAt = def.dimensions.findIndex((d) => d.kind === 'place');
  if (placeAt < 0) return [];
  const observed = rows.map((r) => r.values[placeAt]).filter((v): v is string => typeof v === 'string');
  return [...new Set([...gazetteer, ...observed])].sort();
}
