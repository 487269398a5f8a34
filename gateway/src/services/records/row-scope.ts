import { blindIndex } from '@need2know/crypto';
import {
  effectiveRowScope,
  isWithinRowScope,
  linksFor,
  rowScopeFilter,
  type Grant,
  type Purpose,
  type RowLink,
  type RowScope,
  type RowScopeFilter,
} from '@need2know/policy';
import { recordType, type RecordTypeDef } from '@need2know/schema';
import type { RecordRow } from '../../store/ports/records.js';
import { keyRing } from '../keys/key-ring.js';
import { DECOY_PERSON_ID, decoyPersonRow } from './decoy.js';
import { openRows, readRecords, type RecordReader } from './read.js';
import { REF_SEARCH_PREFIX } from './seal-record.js';

/** The row scope a request under `grant` and `purpose` (as they stand now) is judged by (`effectiveRowScope`). */
export function rowScopeOf(access: { readonly grant: Pick<Grant, 'rowScope'>; readonly purpose: Pick<Purpose, 'rowScope'> }): RowScope | null {
  return effectiveRowScope(access.grant.rowScope, access.purpose.rowScope);
}

/** Most linked records one link lookup reads for one person (bounds work per candidate). */
const MAX_LINKED_RECORDS = 200;

/**
 * The facet filter the store applies for records of `def` under the grant's row `scope`
 * (`rowScopeFilter` in policy): records outside are left out by the query itself, so they cost what
 * a missing record costs. Null when the scope does not restrict the type by facets; a type the
 * scope admits through links is filtered by {@link rowsInScope} instead.
 */
export function storeScopeFilter(def: RecordTypeDef, scope: RowScope | null | undefined): RowScopeFilter | null {
  return rowScopeFilter(def, scope ?? null);
}

/** Whether `link` holds for person `personId` (and its opened `nationalId`) under `scope`: one index lookup, one read. */
async function linkHolds(reader: RecordReader, link: RowLink, personId: string, nationalId: unknown, scope: RowScope): Promise<boolean> {
  const ring = await keyRing(reader);
  if (link === 'victim_in_case') {
    const caseDef = recordType('case');
    if (caseDef === undefined) return false;
    const search = `${REF_SEARCH_PREFIX}persons.person_id`;
    const ids = await reader.records.idsByTag(
      'case',
      search,
      blindIndex(ring, { recordType: 'case', search }, [personId]),
      MAX_LINKED_RECORDS,
      undefined,
      undefined,
      rowScopeFilter(caseDef, scope),
    );
    const cases = await readRecords(reader, 'case', ids, ['persons']);
    return cases.some(
      (c) =>
        Array.isArray(c.fields.persons) &&
        (c.fields.persons as { person_id?: unknown; role?: unknown }[]).some((p) => p.person_id === personId && p.role === 'victim'),
    );
  }
  const healthDef = recordType('health_case');
  if (healthDef === undefined) return false;
  // A person without a national ID is looked up as an ID no one has, so both cost one lookup.
  const wanted = [typeof nationalId === 'string' ? nationalId : ''];
  const ids = await reader.records.idsByTag(
    'health_case',
    'national_id',
    blindIndex(ring, { recordType: 'health_case', search: 'national_id' }, wanted),
    MAX_LINKED_RECORDS,
    undefined,
    undefined,
    rowScopeFilter(healthDef, scope),
  );
  // The index is truncated: confirm on the opened value.
  const cases = await readRecords(reader, 'health_case', ids, ['national_id']);
  return typeof nationalId === 'string' && cases.some((c) => c.fields.national_id === nationalId);
}

/**
 * The rows of `def` inside the grant's row `scope`: those the store's facet filter let through, and
 * for a type the scope admits through links (persons), those with a named link. A person is judged
 * by the links only: every named link is looked up for every row, and when no row was read, for a
 * stand-in person, so that an out-of-scope person costs what an unknown one does.
 */
export async function rowsInScope(
  reader: RecordReader,
  def: RecordTypeDef,
  rows: readonly RecordRow[],
  scope: RowScope | null | undefined,
): Promise<RecordRow[]> {
  if (scope == null) return [...rows];
  const links = linksFor(def.name, scope);
  if (links.length === 0) return rows.filter((r) => isWithinRowScope(def, r.facets, [], scope));
  const ring = await keyRing(reader);
  const judged = rows.length > 0 ? rows : [decoyPersonRow(ring)];
  const opened = await openRows(
    reader,
    def.name,
    judged.map((r) => r.id),
    judged,
    Object.hasOwn(def.fields, 'national_id') ? ['national_id'] : [],
  );
  const kept: RecordRow[] = [];
  for (const row of judged) {
    const nationalId = opened.find((o) => o.id === row.id)?.fields.national_id;
    const held: RowLink[] = [];
    for (const link of links) if (await linkHolds(reader, link, row.id, nationalId, scope)) held.push(link);
    if (row.id !== DECOY_PERSON_ID && isWithinRowScope(def, row.facets, held, scope)) kept.push(row);
  }
  return kept;
}

/**
 * Whether record `id` of `def` is current and inside the grant's row `scope` (always, without one):
 * for a service that reaches a record through something else (a photo through the record naming it).
 */
export async function recordInScope(reader: RecordReader, def: RecordTypeDef, id: string, scope: RowScope | null | undefined): Promise<boolean> {
  if (scope == null) return true;
  return (await rowsInScope(reader, def, await reader.records.currentRecords(def.name, [id], storeScopeFilter(def, scope)), scope)).length > 0;
}
