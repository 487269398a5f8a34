import { placeProblem } from '@need2know/schema';
import {
  boundContributions,
  categoryDimension,
  isoYearDimension,
  PERIOD_GRAINS,
  periodDimension,
  PLACE_LEVELS,
  placeDimension,
  tabulate,
  weekDimension,
  type Dimension,
  type DimensionCut,
  type Table,
  type TabulationRow,
} from '@need2know/stats';
import { Problem } from '../errors/problem.js';
import type { FacetDimension, StatsTableDef } from './catalogue.js';
import type { ChosenProtection } from './policy.js';
import type { StatsQuery } from './query.js';
import { gazetteerCodes } from './storage/places.js';
import { unitRows, type TimeWindow } from './source.js';

/** The province codes the schema accepts: a structural list, the same whatever the data. */
function provinceCodes(): string[] {
  const out: string[] = [];
  for (let p = 1; p <= 99; p++) {
    const code = String(p).padStart(2, '0');
    if (placeProblem({ province: code, district: `${code}01`, commune: `${code}0101` }) === undefined) out.push(code);
  }
  return out;
}

/** The facet bounds of the request's period. */
export function timeWindow(q: StatsQuery): TimeWindow {
  if (q.weeks !== null) return { from: q.weeks[0] as string, to: q.weeks.at(-1) as string };
  return { from: `${q.year}-01`, to: `${q.year}-12` };
}

/** The ISO year of a week range; suppressed week tables are protected per ISO year, so a range must lie in one. */
function isoYearOf(weeks: readonly string[]): number {
  const years = new Set(weeks.map((w) => w.slice(0, 4)));
  if (years.size !== 1) throw new Problem(400, 'validation_failed', 'A suppressed table by week covers weeks of one ISO year.', { issues: [{ path: 'to', code: 'one_iso_year', message: 'from and to in the same ISO year' }] });
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

/** The table's dimensions for this request, with `places` as the place list. */
function dimensions(def: StatsTableDef, q: StatsQuery, places: readonly string[]): Dimension[] {
  return def.dimensions.map((d) => {
    switch (d.kind) {
      case 'category':
        return categoryDimension(d.name, d.values ?? []);
      case 'place':
        return placeDimension(places, q.level ?? 'province');
      case 'time':
        return q.weeks !== null ? weekDimension(q.weeks) : periodDimension(q.year ?? 0, q.period ?? 'month');
    }
  });
}

/**
 * The exact table a differentially private release starts from: the request's own grain (each
 * release spends its own ε). Places come from the place list only (categories that depend on the
 * data would give records away), each person's records are bounded first, and a place level finer
 * than provinces needs a loaded place list. Suppressed releases are cut from the protected finest
 * table instead (`protected.ts`).
 */
export async function exactTable(db: D1Database, def: StatsTableDef, q: StatsQuery, protection: Extract<ChosenProtection, { method: 'dp' }>): Promise<Table> {
  const gazetteer = await gazetteerCodes(db);
  const hasPlace = def.dimensions.some((d) => d.kind === 'place');
  const window = timeWindow(q);
  let places = gazetteer;
  if (hasPlace && !gazetteer.some((code) => code.length >= placeLength(q))) {
    if (q.level !== 'province') throw new Problem(400, 'validation_failed', 'A differentially private table below province level needs the place list (gazetteer) to be loaded.', { issues: [{ path: 'level', code: 'needs_place_list', message: 'load the place list first, or ask for provinces' }] });
    places = provinceCodes();
  }
  const bounded = boundContributions(await unitRows(db, def, window), protection.bound);
  const rows: TabulationRow[] = bounded.map((r) => ({ values: r.values, count: 1 }));
  return tabulate(dimensions(def, q, places), rows).table;
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

function placeLength(q: StatsQuery): number {
  return q.level === 'commune' ? 6 : q.level === 'district' ? 4 : 2;
}
