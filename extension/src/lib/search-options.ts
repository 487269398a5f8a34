import { RECORD_ID_PATTERN, recordType, RECORD_TYPES, type FieldKind } from '@need2know/schema';

/** The record types the viewer knows. */
export type ViewerRecordType = 'person' | 'case' | 'health_case' | 'officer_discipline';

/** What the form asks for: a record by id, or a declared search of a type with its terms. */
export type SearchRequest =
  | { readonly kind: 'id'; readonly recordType: ViewerRecordType; readonly id: string }
  | { readonly kind: 'search'; readonly recordType: ViewerRecordType; readonly search: string; readonly terms: Readonly<Record<string, string>> };

/** One box of a search form: the field it fills and the kind of value it takes. */
export interface SearchInput {
  readonly field: string;
  readonly kind: FieldKind;
}

/** A way to find a record of one type: by its id (a fetch) or by one of the type's declared searches. */
export type SearchOption = { readonly kind: 'id' } | { readonly kind: 'search'; readonly search: string; readonly inputs: readonly SearchInput[] };

/** What the officer's token allows now, as `GET /v1/session` tells it. */
export interface SessionAllows {
  readonly actions: readonly string[];
  /** Disclosure mode of each field, by record type. */
  readonly disclosure: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Fields the viewer may let be copied, by record type (the purpose's `copyable`); absent: none. */
  readonly copyable?: Readonly<Record<string, readonly string[]>>;
}

/** Every search name any record type declares (e.g. `phone`, `case_number`): what a message may name. */
export const SEARCH_NAMES = [...new Set(Object.values(RECORD_TYPES).flatMap((def) => Object.keys(def.searches)))] as [string, ...string[]];

/**
 * The searches the form offers for `type` under what the session allows: each search the record
 * type declares (`packages/schema`), when the purpose allows `search` and discloses every field of
 * it in clear (a match reveals the value, so the gateway refuses anything else with
 * `search_not_permitted`); then opening by record id, when the purpose allows `fetch`. The gateway
 * decides again on every request: this only keeps the form from offering what would be refused.
 *
 * @example searchOptions('case', { actions: ['fetch', 'search'], disclosure: { case: { case_number: 'clear' } } })
 * // [{ kind: 'search', search: 'case_number', inputs: [{ field: 'case_number', kind: 'string' }] }, { kind: 'id' }]
 */
export function searchOptions(type: string, allows: SessionAllows): SearchOption[] {
  const def = recordType(type);
  const modes = allows.disclosure[type];
  if (def === undefined || modes === undefined) return [];
  const out: SearchOption[] = [];
  if (allows.actions.includes('search')) {
    for (const [search, fields] of Object.entries(def.searches)) {
      if (fields.length === 0 || !fields.every((f) => modes[f] === 'clear')) continue;
      out.push({ kind: 'search', search, inputs: fields.map((field) => ({ field, kind: def.fields[field]?.kind ?? 'string' })) });
    }
  }
  if (allows.actions.includes('fetch')) out.push({ kind: 'id' });
  return out;
}

/** The key of a search option, as the form's `kind` select names it (`id`, or the search's name). */
export const optionKey = (o: SearchOption): string => (o.kind === 'id' ? 'id' : o.search);

/** Record ids as the gateway accepts them in a URL (same pattern as its route). */
export const RECORD_ID = RECORD_ID_PATTERN;
