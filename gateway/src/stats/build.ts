import { placeProblem } from '@need2know/schema';
import { boundContributions, categoryDimension, periodDimension, placeDimension, tabulate, weekDimension, type Dimension, type Table, type TabulationRow } from '@need2know/stats';
import { Problem } from '../errors/problem.js';
import type { StatsTableDef } from './catalogue.js';
import type { ChosenProtection } from './policy.js';
import type { StatsQuery } from './query.js';
import { gazetteerCodes } from './storage/places.js';
import { groupedCounts, unitRows, type TimeWindow } from './source.js';

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
 * The exact table a release starts from: the records' clear facets counted into the request's
 * dimensions. For suppression, places are those of the place list and of the records. For
 * differential privacy, places come from the place list only (categories that depend on the data
 * would give records away), each person's records are bounded first, and a place level finer than
 * provinces needs a loaded place list.
 */
export async function exactTable(db: D1Database, def: StatsTableDef, q: StatsQuery, protection: ChosenProtection): Promise<{ table: Table; records: number }> {
  const window = timeWindow(q);
  const gazetteer = await gazetteerCodes(db);
  const hasPlace = def.dimensions.some((d) => d.kind === 'place');
  if (protection.method === 'suppression') {
    const rows = await groupedCounts(db, def, window);
    const placeAt = def.dimensions.findIndex((d) => d.kind === 'place');
    const observed = placeAt < 0 ? [] : rows.map((r) => r.values[placeAt]).filter((v): v is string => typeof v === 'string');
    const { table } = tabulate(dimensions(def, q, [...gazetteer, ...observed]), rows);
    return { table, records: rows.reduce((n, r) => n + r.count, 0) };
  }
  let places = gazetteer;
  if (hasPlace && !gazetteer.some((code) => code.length >= placeLength(q))) {
    if (q.level !== 'province') throw new Problem(400, 'validation_failed', 'A differentially private table below province level needs the place list (gazetteer) to be loaded.', { issues: [{ path: 'level', code: 'needs_place_list', message: 'load the place list first, or ask for provinces' }] });
    places = provinceCodes();
  }
  const bounded = boundContributions(await unitRows(db, def, window), protection.bound);
  const rows: TabulationRow[] = bounded.map((r) => ({ values: r.values, count: 1 }));
  const { table } = tabulate(dimensions(def, q, places), rows);
  return { table, records: rows.length };
}

function placeLength(q: StatsQuery): number {
  return q.level === 'commune' ? 6 : q.level === 'district' ? 4 : 2;
}
