import { PROVINCES } from '@need2know/demo-data/provinces';
import { describeRowScope, type PlaceNames, type RowScope } from '@need2know/policy';

const BY_CODE = new Map<string, { en: string; km: string }>(PROVINCES.map((p) => [p.code, { en: p.nameLatin, km: p.nameKm }]));

/** Province names from the gazetteer (the official names); districts and communes are shown by code. */
export const placeNames: PlaceNames = (code) => BY_CODE.get(code);

/** A row scope in words, in English and Khmer, as the API, the console and the command line show it. */
export function rowScopeWords(scope: RowScope | null): { readonly en: string; readonly km: string } {
  return { en: describeRowScope(scope, 'en', placeNames), km: describeRowScope(scope, 'km', placeNames) };
}
