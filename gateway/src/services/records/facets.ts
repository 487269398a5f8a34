import { isoWeek } from '@need2know/deidentify';
import type { FacetDef, RecordTypeDef } from '@need2know/schema';

type Place = { province?: string; district?: string; commune?: string };

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
