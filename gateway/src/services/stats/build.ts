import { placeProblem } from '@need2know/schema';
import {
  boundContributions,
  categoryDimension,
  periodDimension,
  placeDimension,
  tabulate,
  weekDimension,
  type Dimension,
  type Table,
  type TabulationRow,
} from '@need2know/stats';
import { Problem } from '../../platform/errors/problem.js';
import type { StatsTableDef } from './catalogue.js';
import { timeWindow } from './layout.js';
import type { ChosenProtection } from '@need2know/policy';
import type { StatsQuery } from './query.js';
import type { Stores } from '../../store/ports/index.js';

/** The province codes the schema accepts: a structural list, the same whatever the data. */
function provinceCodes(): string[] {
  const out: string[] = [];
  for (let p = 1; p <= 99; p++) {
    const code = String(p).padStart(2, '0');
    if (placeProblem({ province: code, district: `${code}01`, commune: `${code}0101` }) === undefined) out.push(code);
  }
  return out;
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
    throw new TypeError(`unknown dimension kind of ${d.name}`);
  });
}

/**
 * The exact table a differentially private release starts from: the request's own grain (each
 * release spends its own ε). Places come from the place list only (categories that depend on the
 * data would give records away), each person's records are bounded first, and a place level finer
 * than provinces needs a loaded place list. Suppressed releases are cut from the protected finest
 * table instead (`protected.ts`).
 */
export async function exactTable(
  stores: Pick<Stores, 'stats'>,
  def: StatsTableDef,
  q: StatsQuery,
  protection: Extract<ChosenProtection, { method: 'dp' }>,
): Promise<Table> {
  const gazetteer = await stores.stats.placeCodes();
  const hasPlace = def.dimensions.some((d) => d.kind === 'place');
  const window = timeWindow(q);
  let places = gazetteer;
  if (hasPlace && !gazetteer.some((code) => code.length >= placeLength(q))) {
    if (q.level !== 'province')
      throw new Problem(400, 'validation_failed', 'A differentially private table below province level needs the place list (gazetteer) to be loaded.', {
        issues: [{ path: 'level', code: 'needs_place_list', message: 'load the place list first, or ask for provinces' }],
      });
    places = provinceCodes();
  }
  const bounded = boundContributions(await stores.stats.unitRows(def, window), protection.bound);
  const rows: TabulationRow[] = bounded.map((r) => ({ values: r.values, count: 1 }));
  return tabulate(dimensions(def, q, places), rows).table;
}

function placeLength(q: StatsQuery): number {
  return q.level === 'commune' ? 6 : q.level === 'district' ? 4 : 2;
}
