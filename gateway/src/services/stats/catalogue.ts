import { crimeCaseCriteria, recordEnum } from './categories.js';

/** The statistical tables the gateway publishes (issue 8). */
export const STATS_TABLES = ['crime', 'discipline', 'health'] as const;
export type StatsTableName = (typeof STATS_TABLES)[number];

/** The time axis of a table: calendar months grouped into a year, or ISO weeks over a range. */
export type TimeAxis = 'calendar' | 'weeks';

/** One dimension of a table, read from one clear facet of the records. */
export interface FacetDimension {
  /** Facet the records carry (declared by the record type in packages/schema). */
  readonly facet: string;
  readonly kind: 'category' | 'place' | 'time';
  /** Name of the dimension in releases. */
  readonly name: string;
  /** The categories, for `category` dimensions: fixed by the schema, never read from the data. */
  readonly values?: readonly (string | number)[];
}

/** What a table counts and how it is laid out. Dimensions are in the order protection opens them. */
export interface StatsTableDef {
  readonly name: StatsTableName;
  readonly title: string;
  readonly description: string;
  readonly recordType: 'case' | 'officer_discipline' | 'health_case';
  readonly dimensions: readonly FacetDimension[];
  readonly time: TimeAxis;
  /** Blind-index search naming the person a record is about (its privacy unit for contribution bounding). */
  readonly unitSearch: string;
  /** Dimension drawn as stacks in a chart (the others: time on the x axis, place fixed). */
  readonly seriesGroup: number;
}

export const STATS_TABLE_DEFS: Readonly<Record<StatsTableName, StatsTableDef>> = {
  crime: {
    name: 'crime',
    title: 'Crime cases by safe-village criterion, place and period',
    description: 'Cases counted under the five safe-village criteria, by province, district/khan or commune/sangkat, by month, quarter, semester or year.',
    recordType: 'case',
    dimensions: [
      { facet: 'criterion', kind: 'category', name: 'criterion', values: crimeCaseCriteria() },
      { facet: 'commune', kind: 'place', name: 'place' },
      { facet: 'month', kind: 'time', name: 'period' },
    ],
    time: 'calendar',
    // A case's privacy unit is the first of its persons in blind-index order (METHOD.md).
    unitSearch: 'ref:persons.person_id',
    seriesGroup: 0,
  },
  discipline: {
    name: 'discipline',
    title: 'Disciplinary measures by type, unit level and period',
    description: 'Dismissals, demotions, warnings and suspensions of police officers, by the level of their unit, by month, quarter, semester or year.',
    recordType: 'officer_discipline',
    dimensions: [
      { facet: 'measure', kind: 'category', name: 'measure', values: recordEnum('officer_discipline', 'measure') },
      { facet: 'unit_level', kind: 'category', name: 'unit_level', values: recordEnum('officer_discipline', 'unit_level') },
      { facet: 'month', kind: 'time', name: 'period' },
    ],
    time: 'calendar',
    unitSearch: 'officer_id',
    seriesGroup: 0,
  },
  health: {
    name: 'health',
    title: 'Health cases by test result, commune of residence and ISO week',
    description: 'Tests of the outbreak response by result, by province, district/khan or commune/sangkat of residence, by ISO week.',
    recordType: 'health_case',
    dimensions: [
      { facet: 'result', kind: 'category', name: 'result', values: recordEnum('health_case', 'result') },
      { facet: 'commune', kind: 'place', name: 'place' },
      { facet: 'week', kind: 'time', name: 'period' },
    ],
    time: 'weeks',
    unitSearch: 'national_id',
    seriesGroup: 0,
  },
};

/** The definition of table `name`, or undefined. */
export function statsTable(name: string): StatsTableDef | undefined {
  return (STATS_TABLES as readonly string[]).includes(name) ? STATS_TABLE_DEFS[name as StatsTableName] : undefined;
}

/**
 * The time facet statistics count records of `type` by, or null when no table counts them: what an
 * ingest passes to the store so that committing records bumps the data version of the years they
 * are counted in (and a protected table kept for the old data is never reused for the new).
 */
export function statsTimeFacet(type: string): string | null {
  for (const def of Object.values(STATS_TABLE_DEFS)) {
    if (def.recordType !== type) continue;
    const facet = def.dimensions.find((d) => d.kind === 'time')?.facet;
    if (facet !== undefined) return facet;
  }
  return null;
}
