import { normaliseDate, normaliseName, normaliseNationalId, normalisePhone } from '@need2know/crypto';
import type { FieldKind, RecordTypeDef } from '@need2know/schema';

/** The normaliser a blind index applies to a field of `kind`, so that equal values index equally. */
function normaliserFor(kind: FieldKind): (value: string) => string {
  switch (kind) {
    case 'national_id':
      return normaliseNationalId;
    case 'phone':
      return normalisePhone;
    case 'date':
      return normaliseDate;
    default:
      return normaliseName;
  }
}

/**
 * The normalised values of search `search` of `def` taken from `values` (a record, or the terms of
 * a query), in the declared order; null when any is missing or cannot be normalised (such a record
 * is simply not findable by that search, and such a query matches nothing).
 */
export function searchValues(def: RecordTypeDef, search: string, values: Readonly<Record<string, unknown>>): string[] | null {
  const fields = def.searches[search];
  if (fields === undefined) return null;
  const out: string[] = [];
  for (const field of fields) {
    const value = values[field];
    const kind = def.fields[field]?.kind;
    if (typeof value !== 'string' || kind === undefined) return null;
    try {
      out.push(normaliserFor(kind)(value));
    } catch {
      return null;
    }
  }
  return out;
}
