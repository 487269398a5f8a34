import { ROW_LINKS, type RowLink } from './row-links.js';
import type { RowScope } from './row-scope.js';

/**
 * The ways `next` would let records out that `current` keeps in (empty when `next` only narrows or
 * keeps the scope): a place not inside the current places, an earlier start or later end, a link the
 * current scope does not name, or a type reached through links opened to every record. `null` is
 * the scope that covers every record. A change that widens waits for a second privacy officer
 * (`decideGrantChange` → `decideApproval`); a narrowing applies at once.
 *
 * Sound, not complete: whenever it finds nothing, every record inside `next` is inside `current`
 * (property-tested); a few changes that add nothing in fact (a place inside another named twice)
 * may still count as widening, which only asks for a second officer.
 *
 * @example rowScopeWidenings({ places: ['12'], from: null, until: null, links: [] }, { places: ['12', '08'], from: null, until: null, links: [] }) // ['places: + 08']
 */
export function rowScopeWidenings(current: RowScope | null, next: RowScope | null): string[] {
  if (current === null) return [];
  if (next === null) return ['row scope removed: every record'];
  const out: string[] = [];
  if (current.places !== null) {
    if (next.places === null) out.push('places: anywhere');
    else for (const p of next.places) if (!current.places.some((c) => p.startsWith(c))) out.push(`places: + ${p}`);
  }
  if (current.from !== null && (next.from === null || next.from < current.from)) out.push(`from: ${current.from} → ${next.from ?? 'open'}`);
  if (current.until !== null && (next.until === null || next.until > current.until)) out.push(`until: ${current.until} → ${next.until ?? 'open'}`);
  const unbounded = current.places === null && current.from === null && current.until === null;
  for (const type of new Set(Object.values(ROW_LINKS))) {
    const before = current.links.filter((l) => ROW_LINKS[l] === type);
    const after = next.links.filter((l) => ROW_LINKS[l] === type);
    if (before.length > 0 && after.length === 0) out.push(`links: every ${type} by facets`);
    // Named links restrict a type; new ones widen unless the current scope already let every record in.
    if (before.length > 0 || !unbounded) for (const l of after) if (!before.includes(l)) out.push(`links: + ${l}`);
  }
  return out;
}

/** Whether `next` covers no record that `current` does not ({@link rowScopeWidenings} finds nothing). */
export function isNarrowing(current: RowScope | null, next: RowScope | null): boolean {
  return rowScopeWidenings(current, next).length === 0;
}

/** Whether a change from `current` to `next` widens the scope and so waits for a second privacy officer. */
export function isWidening(current: RowScope | null, next: RowScope | null): boolean {
  return !isNarrowing(current, next);
}

/**
 * The purpose's scope is the ceiling of its grants': a grant's scope must lie within it. Returns the
 * ways `grant` would exceed `purpose` (empty when it lies within).
 */
export function beyondPurposeScope(purpose: RowScope | null, grant: RowScope | null): string[] {
  return rowScopeWidenings(purpose, grant);
}

/** Every link of the fixed list, for the type it admits (the console offers these). */
export function rowLinksFor(type: string): RowLink[] {
  return (Object.keys(ROW_LINKS) as RowLink[]).filter((l) => ROW_LINKS[l] === type);
}

/** A scope no record lies in: no place matches an empty list, and persons have no place. */
export const NO_RECORDS: RowScope = { places: [], from: null, until: null, links: [] };

/**
 * The row scope a request is judged by: the grant's, held under its purpose's as the purpose stands
 * now. A grant's scope lies within its purpose's when set, but the purpose may have narrowed since:
 * then the purpose's applies when it lies within the grant's, and when neither lies within the
 * other, no record (fail closed until an officer sets the grant's scope again).
 */
export function effectiveRowScope(grant: RowScope | null | undefined, purpose: RowScope | null | undefined): RowScope | null {
  const g = grant ?? null;
  const p = purpose ?? null;
  if (isNarrowing(p, g)) return g;
  if (isNarrowing(g, p)) return p;
  return NO_RECORDS;
}
