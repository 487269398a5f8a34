import { blindIndex } from '@need2know/crypto';
import { canonicalJson, recordType } from '@need2know/schema';
import type { GatewayEnv } from '../../platform/env.js';
import { keyRing } from '../keys/key-ring.js';
import type { HiddenMark } from '@need2know/policy';
import { idsByTag } from '../../store/d1/records.js';
import { readRecords, type OpenedRecord } from './read.js';
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
 * may not see): a record the caller may not see costs exactly what no record costs.
 */
export async function findByBlindIndex(
  env: GatewayEnv,
  type: string,
  search: string,
  terms: Readonly<Record<string, unknown>>,
  fields?: readonly string[],
  within?: readonly string[],
  hide?: HiddenMark | null,
): Promise<OpenedRecord[]> {
  const def = recordType(type);
  const wanted = def === undefined ? null : searchValues(def, search, terms);
  if (def === undefined || wanted === null) return [];
  const ring = await keyRing(env);
  const ids = await idsByTag(env.DB, type, search, blindIndex(ring, { recordType: type, search }, wanted), MAX_SEARCH_CANDIDATES, within, hide);
  if (ids.length === 0) return [];
  const searchFields = def.searches[search] ?? [];
  const candidates = await readRecords(env, type, ids, [...new Set([...searchFields, ...(fields ?? Object.keys(def.fields))])]);
  const target = canonicalJson(wanted);
  return candidates.filter((c) => canonicalJson(searchValues(def, search, c.fields)) === target);
}
