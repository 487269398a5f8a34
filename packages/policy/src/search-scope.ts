import type { DisclosureMode } from '@need2know/schema';

/**
 * What a search may use, and what it costs. A search answers "which records have exactly this
 * value", so it reveals the searched fields in clear: a match tells the caller the value, and the
 * record it comes with ties the value to everything disclosed about it. Searching by a field the
 * purpose discloses only as a pseudonym, a generalised or masked value or a predicate would undo
 * that mode (a justice reviewer who knows a name and birth date would learn which pseudonym is
 * whom; a tracer who sees an age band would pin a birth date in at most 1,826 searches). So a
 * search may use only fields the purpose discloses in `clear`.
 */

/** Outcome of {@link decideSearch}. */
export type SearchDecision =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The problem code the API answers with (403). */
      readonly code: 'search_not_permitted';
      /** The searched fields the purpose does not disclose in clear (names only, never values). */
      readonly fields: readonly string[];
    };

/**
 * Decides whether a search over `searchFields` (e.g. `['name_latin', 'date_of_birth']` for
 * `name_dob`) is allowed when the request may disclose `disclosed` (field → mode, as the purpose
 * stands now): only when every searched field is disclosed in `clear`.
 *
 * @example
 * decideSearch(['name_latin', 'date_of_birth'], { name_latin: 'clear', date_of_birth: 'generalised' })
 * // { ok: false, code: 'search_not_permitted', fields: ['date_of_birth'] }
 */
export function decideSearch(searchFields: readonly string[], disclosed: Readonly<Record<string, DisclosureMode>>): SearchDecision {
  const hidden = searchFields.filter((f) => !Object.hasOwn(disclosed, f) || disclosed[f] !== 'clear');
  return hidden.length === 0 && searchFields.length > 0 ? { ok: true } : { ok: false, code: 'search_not_permitted', fields: hidden };
}

/**
 * What a search costs against the persons-per-hour limits besides the persons it found: nothing when
 * it found someone (they are counted), otherwise the identity it probed for (`probe`, e.g. the
 * normalised name and birth date). Misses are thus not free: without this, a caller could test values
 * until one matches while spending only requests. The same probe again within the hour costs nothing
 * more, exactly as a person already counted does.
 */
export function probesToCount(found: number, probe: string): readonly string[] {
  return found > 0 ? [] : [probe];
}

/**
 * The id under which a search for `values` (the normalised search values, or the terms as given when
 * they do not normalise) is counted: the same for every caller asking the same thing, never a
 * person's id (those carry no `probe:` prefix). It is hashed with the gateway's key before it is
 * counted, like every subject.
 */
export function probeId(type: string, search: string, values: unknown): string {
  return `probe:${type}:${search}:${JSON.stringify(values)}`;
}
