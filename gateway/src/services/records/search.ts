import { blindIndex } from '@need2know/crypto';
import { canonicalJson, recordType } from '@need2know/schema';
import { keyRing } from '../keys/key-ring.js';
import type { HiddenMark, RowScope } from '@need2know/policy';
import { openRows, type OpenedRecord, type RecordReader } from './read.js';
import { rowsInScope, storeScopeFilter } from './row-scope.js';
import { searchValues } from './search-values.js';

/** Most candidates one blind-index lookup may return before filtering (bounds work per query). */
export const MAX_SEARCH_CANDIDATES = 200;

/**
 * Finds current records of `type` whose search `search` (e.g. `phone`, `name_dob`) equals `terms`:
 * normalises the terms, computes the blind index, reads the candidates, opens their search fields
 * and keeps only exact matches (the truncated index has rare false positives). Returns the matching
 * records with the fields named in `fields` opened, in candidate order. Unknown searches and terms
 * that do not normalise match nothing. With `within`, only those ids are candidates, filtered in
 * the index query itself, and likewise records carrying the `hide` mark (a sensitive case the grant
 * may not see): a record the caller may not see costs exactly what no record costs. Records outside
 * the grant's row `scope` are left out by the index query too (facets), or judged by their links
 * (persons) whether or not any candidate was found.
 */
export async function findByBlindIndex(
  reader: RecordReader,
  type: string,
  search: string,
  terms: Readonly<Record<string, unknown>>,
  fields?: readonly string[],
  within?: readonly string[],
  hide?: HiddenMark | null,
  scope?: RowScope | null,
): Promise<OpenedRecord[]> {
  const def = recordType(type);
  const wanted = def === undefined ? null : searchValues(def, search, terms);
  if (def === undefined || wanted === null) return [];
  const ring = await keyRing(reader);
  const ids = await reader.records.idsByTag(
    type,
    search,
    blindIndex(ring, { recordType: type, search }, wanted),
    MAX_SEARCH_CANDIDATES,
    within,
    hide,
    storeScopeFilter(def, scope),
  );
  const inScope = await rowsInScope(reader, def, ids.length === 0 ? [] : await reader.records.currentRecords(type, ids), scope);
  if (inScope.length === 0) return [];
  const searchFields = def.searches[search] ?? [];
  const candidates = await openRows(
    reader,
    type,
    inScope.map((r) => r.id),
    inScope,
    [...new Set([...searchFields, ...(fields ?? Object.keys(def.fields))])],
  );
  const target = canonicalJson(wanted);
  return candidates.filter((c) => canonicalJson(searchValues(def, search, c.fields)) === target);
}
