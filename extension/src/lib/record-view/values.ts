import { recordType, type FieldDef } from '@need2know/schema';
import { formatDay, formatDigits, formatMonth, weekStart } from '../i18n/format.js';
import { hasMessage, type Lang, type Translate } from '../i18n/lang.js';
import type { MessageKey } from '../i18n/en.js';
import { isPlaceValue, placeLevel, placeName, placeNameOther } from './places.js';

/** A value as the officer reads it: words, what the purpose did to it, and the other script if any. */
export interface ShownValue {
  readonly text: string;
  /** What the purpose did to the value (generalised, masked, pseudonym, yes/no only), in words. */
  readonly note?: string;
  /** The same value in the other script (place names). */
  readonly other?: string;
}

/** How a field was disclosed: the list's mode applies to its members that support it. */
export function memberMode(field: FieldDef | undefined, listMode: string | undefined): string {
  if (listMode === undefined || field === undefined) return 'clear';
  return field.modes.includes(listMode as FieldDef['modes'][number]) ? listMode : 'clear';
}

/** The declaration of `name` in `type`, or of a member of its list `list`. */
export function fieldDef(type: string, name: string, list?: string): FieldDef | undefined {
  const def = recordType(type);
  return list === undefined ? def?.fields[name] : def?.fields[list]?.items?.[name];
}

/** `+85512765432` as people write it: `+855 12 765 432`. */
export function groupPhone(phone: string): string {
  const m = /^\+855(\d{2})(\d{3})(\d{3,4})$/.exec(phone);
  return m === null ? phone : `+855 ${m[1]} ${m[2]} ${m[3]}`;
}

const DATE_NOTES: Readonly<Record<string, MessageKey>> = { age_band: 'note.ageBand', week: 'note.week', month: 'note.month', year: 'note.year' };
const PLACE_NOTES: Readonly<Record<string, MessageKey>> = { commune: 'note.placeCommune', district: 'note.placeDistrict', province: 'note.placeProvince' };

/**
 * Words for one scalar value of field `name` disclosed in `mode`: enum values and criteria by
 * name, dates written out, generalised dates as an age band, a week ("week of 6 April 2026") or a
 * month, places by name, and a note saying what a generalised, masked, pseudonymised or yes/no value
 * is. Lists and objects other than places and criteria are not scalars: the card lays them out.
 *
 * @example showValue(t, 'en', 'date_of_birth', dobDef, 'generalised', '45–49') // { text: 'age 45–49', note: 'only the age band is disclosed' }
 */
export function showValue(t: Translate, lang: Lang, name: string, def: FieldDef | undefined, mode: string, value: unknown): ShownValue {
  if (value === null || value === undefined) return { text: t('none') };
  if (mode === 'predicate' || typeof value === 'boolean')
    return { text: value === true ? t('yes') : value === false ? t('no') : String(value), ...(mode === 'predicate' ? { note: t('note.predicate') } : {}) };
  if (mode === 'redacted' && isRedactedText(value)) return { text: value.text, note: redactedNote(t, value.counts) };
  if (mode === 'masked') return { text: String(value), note: t('note.masked') };
  if (mode === 'pseudonym') return { text: String(value), note: t('note.pseudonym') };
  if (isPlaceValue(value)) {
    const text =
      placeName(value, lang) ?? t('unknownPlace', { code: [value.province, value.district, value.commune, value.village].filter(Boolean).join('/') });
    const other = placeNameOther(value, lang);
    const note = mode === 'generalised' ? PLACE_NOTES[placeLevel(value)] : undefined;
    return { text, ...(other === undefined ? {} : { other }), ...(note === undefined ? {} : { note: t(note) }) };
  }
  if (typeof value === 'object' && name === 'offence' && 'criterion' in value) {
    const n = (value as { criterion: unknown }).criterion;
    return { text: criterionText(t, lang, n), note: t('note.criterion') };
  }
  if (name === 'criterion') return { text: criterionText(t, lang, value) };
  if (def?.kind === 'enum' && typeof value === 'string') {
    const key = `enum.${name}.${value}`;
    return { text: hasMessage(key) ? t(key) : value };
  }
  if (def?.kind === 'date' && typeof value === 'string') {
    if (mode !== 'generalised') return { text: formatDay(lang, value) };
    const note = DATE_NOTES[def.generalise ?? ''];
    const text =
      def.generalise === 'age_band'
        ? t('ageBand', { band: formatDigits(lang, value) })
        : def.generalise === 'week'
          ? weekStart(lang, value) === undefined
            ? value
            : t('weekOf', { date: weekStart(lang, value) as string })
          : def.generalise === 'month'
            ? formatMonth(lang, value)
            : def.generalise === 'year'
              ? t('yearOnly', { year: formatDigits(lang, value) })
              : value;
    return { text, ...(note === undefined ? {} : { note: t(note) }) };
  }
  if (def?.kind === 'phone' && typeof value === 'string') return { text: groupPhone(value) };
  return { text: typeof value === 'object' ? JSON.stringify(value) : String(value) };
}

function criterionText(t: Translate, lang: Lang, n: unknown): string {
  const key = `criterion.${String(n)}`;
  return hasMessage(key) ? t('criterionValue', { n: formatDigits(lang, String(n)), title: t(key) }) : String(n);
}

/** A free-text field disclosed `redacted`: the text with labels in place of identifiers, and how many of each kind were replaced. */
export interface RedactedText {
  readonly text: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** Whether `value` is a redacted text as the gateway sends it (`{ text, counts }`). */
export function isRedactedText(value: unknown): value is RedactedText {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { text?: unknown; counts?: unknown };
  return typeof v.text === 'string' && typeof v.counts === 'object' && v.counts !== null && Object.values(v.counts).every((n) => typeof n === 'number');
}

/**
 * What a redaction replaced, in words and per kind ("suspects’ names: 2, phone numbers: 1"), never
 * what the replaced values were; a kind the catalogue does not know is counted under its own name.
 */
export function redactedNote(t: Translate, counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const key = `redacted.${kind}`;
      return hasMessage(key) ? t(key, { n }) : `${kind}: ${n}`;
    });
  return parts.length === 0 ? t('note.redactedNone') : t('note.redacted', { counts: parts.join(', ') });
}
