/**
 * Pure: a row scope from what the officer chose in the console's scope editor, and what a change of
 * scope will do before it is sent. Whether a change widens is the policy's own rule
 * (`rowScopeWidenings`, the one the gateway applies); the console only says it in advance.
 */
import { PROVINCES } from '@need2know/demo-data/provinces';
import { rowLinksFor, rowScopeWidenings } from '@need2know/policy/row-scope-change';
import { describeRowScope, type PlaceNames, type ScopeLanguage } from '@need2know/policy/row-scope-words';
import type { Schema } from './api-call.js';

/** A row scope as the API shows and takes it; null covers every record. */
export type RowScope = Schema<'RowScope'>;
/** One link of a row scope (persons reached through the records that name them). */
export type RowLink = NonNullable<RowScope>['links'][number];

/** The links the editor offers: every link of the fixed list (all admit persons). */
export const SCOPE_LINKS: readonly RowLink[] = rowLinksFor('person') as RowLink[];

/** Provinces by code, with their official names, for the editor's list and the words. */
export const SCOPE_PROVINCES: readonly { code: string; en: string; km: string }[] = PROVINCES.map((p) => ({ code: p.code, en: p.nameLatin, km: p.nameKm }));

const BY_CODE = new Map(SCOPE_PROVINCES.map((p) => [p.code, p]));
/** Province names as the gateway's words use them; districts and communes show as codes. */
export const placeNames: PlaceNames = (code) => BY_CODE.get(code);

/** What the officer chose. */
export interface ScopeChoice {
  /** No row scope: every record the purpose covers. */
  readonly everyRecord: boolean;
  readonly provinces: readonly string[];
  /** District or commune codes as typed (spaces or commas between them). */
  readonly codes: string;
  readonly from: string;
  readonly until: string;
  readonly links: readonly RowLink[];
}

/**
 * The scope the choice names (null: every record). The gateway checks codes and dates; a choice
 * that limits nothing at all is every record.
 *
 * @example scopeOfChoice({ everyRecord: false, provinces: ['12'], codes: '0801', from: '2026-03-01', until: '', links: [] })
 * // { places: ['0801', '12'], from: '2026-03-01', until: null, links: [] }
 */
export function scopeOfChoice(c: ScopeChoice): RowScope {
  if (c.everyRecord) return null;
  const typed = c.codes.split(/[\s,;]+/).filter((s) => s !== '');
  const places = [...new Set([...c.provinces, ...typed])].sort();
  const scope = {
    places: places.length === 0 ? null : places,
    from: c.from === '' ? null : c.from,
    until: c.until === '' ? null : c.until,
    links: [...c.links].sort(),
  };
  if (scope.places === null && scope.from === null && scope.until === null && scope.links.length === 0) return null;
  return scope;
}

/** The choice that shows `scope` in the editor. */
export function choiceOfScope(scope: RowScope): ScopeChoice {
  if (scope === null) return { everyRecord: true, provinces: [], codes: '', from: '', until: '', links: [] };
  const places = scope.places ?? [];
  return {
    everyRecord: false,
    provinces: places.filter((p) => BY_CODE.has(p)),
    codes: places.filter((p) => !BY_CODE.has(p)).join(', '),
    from: scope.from ?? '',
    until: scope.until ?? '',
    links: scope.links,
  };
}

/** What sending `next` in place of `current` does: nothing, apply at once (narrows), or wait for a second officer (widens). */
export type ScopeChange = { kind: 'same' } | { kind: 'narrows' } | { kind: 'widens'; widenings: string[] };

/** Whether a change from `current` to `next` narrows (at once) or widens (second officer), by the gateway's rule. */
export function scopeChange(current: RowScope, next: RowScope): ScopeChange {
  if (JSON.stringify(current) === JSON.stringify(next)) return { kind: 'same' };
  const widenings = rowScopeWidenings(current, next);
  return widenings.length === 0 ? { kind: 'narrows' } : { kind: 'widens', widenings };
}

/** The ways `scope` would reach beyond the purpose's `ceiling` (the gateway refuses it then); empty when inside. */
export function beyondCeiling(ceiling: RowScope, scope: RowScope): string[] {
  return rowScopeWidenings(ceiling, scope);
}

/** A row scope in words, as the gateway says it. */
export const scopeWords = (scope: RowScope, lang: ScopeLanguage): string => describeRowScope(scope, lang, placeNames);
