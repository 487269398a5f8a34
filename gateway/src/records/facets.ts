import type { FacetDef, RecordTypeDef } from '@need2know/schema';

type Place = { province?: string; district?: string; commune?: string };

/** ISO 8601 week of a calendar date, as `YYYY-Www` (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay(); // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function facetValue(def: FacetDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (def.as) {
    case 'value':
      return value;
    case 'month':
      return typeof value === 'string' ? value.slice(0, 7) : null;
    case 'week':
      return typeof value === 'string' ? isoWeek(value) : null;
    case 'province':
    case 'district':
    case 'commune':
      return (value as Place)[def.as] ?? null;
  }
}

/**
 * The clear facets a record type declares, computed from a validated record: coarse values (the
 * month, the commune, the criterion) for statistics — never a day, a village or a name.
 */
export function computeFacets(def: RecordTypeDef, record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(def.facets).map(([name, facet]) => [name, facetValue(facet, record[facet.from])]));
}
