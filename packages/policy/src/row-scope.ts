import { isCalendarDate, PROVINCE_CODE_MAX, type RecordTypeDef } from '@need2know/schema';
import * as z from 'zod';
import { isoWeek } from '@need2know/deidentify';
import { ROW_LINKS, type RowLink } from './row-links.js';

/**
 * Row scope: which records a grant (and its purpose, as the ceiling) covers, by the records' clear
 * facets and links. A record outside the scope is answered exactly like a missing one.
 *
 * - `places`: codes of provinces (2 digits), districts (4) or communes (6); a record is inside when
 *   its place facet lies within one of them. `null` means anywhere.
 * - `from` / `until`: civil dates (both ends inclusive) on the record's main date. Facets hold only
 *   the month or ISO week of that date (never the day), so a record is inside only when its whole
 *   month or week lies in the range: a boundary that cuts a month or week leaves that unit out
 *   (fail closed, never a record from outside).
 * - `links`: for record types reached through others (persons), the links that admit them
 *   ({@link ROW_LINKS}); when a scope names a link for a type, records of that type are inside only
 *   through a named link, whatever their facets.
 *
 * A record type that lacks the facet a bound constrains (a person has no place) is outside that
 * bound unless a link admits it.
 */
export interface RowScope {
  readonly places: readonly string[] | null;
  readonly from: string | null;
  readonly until: string | null;
  readonly links: readonly RowLink[];
}

export { ROW_LINKS, type RowLink };

/** Most places one scope may name (a scope is read on every request; a country has 25 provinces). */
export const MAX_SCOPE_PLACES = 100;

const PLACE_CODE = /^(\d{2})(?:(?!00)\d{2}(?:(?!00)\d{2})?)?$/;

/** Whether `code` is a province, district or commune code (province 01–25, lower levels never 00). */
export function isPlaceCode(code: string): boolean {
  const m = PLACE_CODE.exec(code);
  if (m === null) return false;
  const province = Number(m[1]);
  return province >= 1 && province <= PROVINCE_CODE_MAX;
}

/** The wire shape of a row scope (snake case as the API shows it); see {@link parseRowScope}. */
export const rowScopeSchema = z
  .object({
    places: z
      .array(z.string().refine(isPlaceCode, 'a province (2 digits), district (4) or commune (6) code'))
      .min(1)
      .max(MAX_SCOPE_PLACES)
      .nullable()
      .default(null),
    from: z.string().refine(isCalendarDate, 'a civil date YYYY-MM-DD').nullable().default(null),
    until: z.string().refine(isCalendarDate, 'a civil date YYYY-MM-DD').nullable().default(null),
    links: z
      .array(z.enum(Object.keys(ROW_LINKS) as [RowLink, ...RowLink[]]))
      .max(Object.keys(ROW_LINKS).length)
      .default([]),
  })
  .strict()
  .refine((s) => s.from === null || s.until === null || s.from <= s.until, { message: 'from must not be after until', path: ['until'] })
  .refine((s) => new Set(s.links).size === s.links.length, { message: 'links must not repeat', path: ['links'] });

/** Validates a row scope as given (places sorted and without repeats), or returns the issues. */
export function parseRowScope(input: unknown): { ok: true; scope: RowScope } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = rowScopeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const s = parsed.data;
  return { ok: true, scope: { places: s.places === null ? null : [...new Set(s.places)].sort(), from: s.from, until: s.until, links: [...s.links].sort() } };
}

/** Which clear facets of a record type carry its place and its main date (from the type's facet declarations). */
export interface RowFacets {
  readonly place: string | null;
  readonly date: { readonly facet: string; readonly unit: 'month' | 'week' } | null;
}

const PLACE_LEVELS = ['commune', 'district', 'province'] as const;

/** The facets of `def` the row scope reads: its finest place facet and its date facet (month or week). */
export function rowFacetsOf(def: RecordTypeDef): RowFacets {
  const entries = Object.entries(def.facets);
  const place = PLACE_LEVELS.map((level) => entries.find(([, f]) => f.as === level)?.[0]).find((n) => n !== undefined) ?? null;
  const dated = entries.find(([, f]) => f.as === 'month' || f.as === 'week');
  return { place, date: dated === undefined ? null : { facet: dated[0], unit: dated[1].as as 'month' | 'week' } };
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // Monday 1 … Sunday 7

/**
 * The facet values (`YYYY-MM` or `YYYY-Www`, which order as text) whose whole month or week lies in
 * `[from, until]`: the store compares the facet with these bounds in its query. Null ends are open.
 *
 * @example facetBounds('month', '2026-03-01', '2026-05-15') // { min: '2026-03', max: '2026-04' }
 */
export function facetBounds(unit: 'month' | 'week', from: string | null, until: string | null): { min: string | null; max: string | null } {
  if (unit === 'month') {
    const min = from === null ? null : from.endsWith('-01') ? from.slice(0, 7) : addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7);
    const max = until === null ? null : addDays(until, 1).endsWith('-01') ? until.slice(0, 7) : addDays(`${until.slice(0, 7)}-01`, -1).slice(0, 7);
    return { min, max };
  }
  const min = from === null ? null : isoWeek(weekday(from) === 1 ? from : addDays(from, 8 - weekday(from)));
  const max = until === null ? null : isoWeek(weekday(until) === 7 ? until : addDays(until, -weekday(until)));
  return { min, max };
}

/** What the store needs to leave records outside a scope out of its query, for one record type. */
export interface RowScopeFilter {
  /** True when no record of the type can be inside (e.g. persons under a place scope with no link). */
  readonly none: boolean;
  readonly placeFacet: string | null;
  readonly places: readonly string[] | null;
  readonly dateFacet: string | null;
  readonly min: string | null;
  readonly max: string | null;
}

/**
 * The facet filter for records of `def` under `scope`, or null when the scope does not restrict
 * them by facets (no scope, or the type is reached through links: see {@link linksFor}).
 */
export function rowScopeFilter(def: RecordTypeDef, scope: RowScope | null): RowScopeFilter | null {
  if (scope === null || linksFor(def.name, scope).length > 0) return null;
  const facets = rowFacetsOf(def);
  const dated = scope.from !== null || scope.until !== null;
  if (scope.places === null && !dated) return null;
  const none = (scope.places !== null && facets.place === null) || (dated && facets.date === null);
  const bounds = dated && facets.date !== null ? facetBounds(facets.date.unit, scope.from, scope.until) : { min: null, max: null };
  return {
    none,
    placeFacet: scope.places === null ? null : facets.place,
    places: scope.places,
    dateFacet: dated ? (facets.date?.facet ?? null) : null,
    ...bounds,
  };
}

/** The links `scope` names that admit records of `type`. */
export function linksFor(type: string, scope: RowScope): RowLink[] {
  return scope.links.filter((l) => ROW_LINKS[l] === type);
}

/**
 * Whether a record of `def` with clear `facets`, reached through `links` (those that hold for it),
 * lies inside `scope` (null: no restriction). The store's filter ({@link rowScopeFilter}) and this
 * answer agree.
 *
 * @example isWithinRowScope(crimeCase, { commune: '120101', month: '2026-03' }, [], { places: ['12'], from: '2026-03-01', until: null, links: [] }) // true
 */
export function isWithinRowScope(def: RecordTypeDef, facets: Readonly<Record<string, unknown>>, links: readonly RowLink[], scope: RowScope | null): boolean {
  if (scope === null) return true;
  const admitting = linksFor(def.name, scope);
  if (admitting.length > 0) return admitting.some((l) => links.includes(l));
  const filter = rowScopeFilter(def, scope);
  if (filter === null) return true;
  if (filter.none) return false;
  if (filter.places !== null) {
    const place = filter.placeFacet === null ? undefined : facets[filter.placeFacet];
    if (typeof place !== 'string' || !filter.places.some((p) => place.startsWith(p))) return false;
  }
  if (filter.dateFacet !== null) {
    const unit = facets[filter.dateFacet];
    if (typeof unit !== 'string' || (filter.min !== null && unit < filter.min) || (filter.max !== null && unit > filter.max)) return false;
  }
  return true;
}
