import { places } from '@need2know/demo-data';
import type { Lang } from '../i18n/lang.js';

/** A place as records carry it: administrative codes, the lower levels absent when generalised. */
export interface PlaceValue {
  readonly province?: string;
  readonly district?: string;
  readonly commune?: string;
  readonly village?: string;
}

/** Whether `value` is a place value (an object of administrative codes). */
export function isPlaceValue(value: unknown): value is PlaceValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every((k) => ['province', 'district', 'commune', 'village'].includes(k) && typeof (value as Record<string, unknown>)[k] === 'string')
  );
}

/** The smallest level a place value names. */
export function placeLevel(place: PlaceValue): 'village' | 'commune' | 'district' | 'province' {
  return place.village !== undefined ? 'village' : place.commune !== undefined ? 'commune' : place.district !== undefined ? 'district' : 'province';
}

/**
 * A place written out from its smallest unit up, in the officer's language: Khmer script in Khmer,
 * Latin letters in English ("Sangkat Boeng Chas, Khan Prey Tauch, Phnom Penh"). The names come from
 * the gazetteer the records are coded against: Cambodia's 25 real provinces with a synthetic
 * hierarchy below them (`@need2know/demo-data`), which every part of the demo shares. Undefined when
 * no code is in the gazetteer.
 */
export function placeName(place: PlaceValue, lang: Lang): string | undefined {
  const codes = {
    province: place.province ?? '',
    district: place.district ?? '',
    commune: place.commune ?? '',
    ...(place.village === undefined ? {} : { village: place.village }),
  };
  const label = places.label(codes, lang === 'km' ? 'km' : 'latin');
  return label === '' ? undefined : label;
}

/** The same place in the other script, for a tooltip: officers read both. */
export function placeNameOther(place: PlaceValue, lang: Lang): string | undefined {
  return placeName(place, lang === 'km' ? 'en' : 'km');
}
