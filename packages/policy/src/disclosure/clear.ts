import { isMinorOn, type FieldDef } from '@need2know/schema';
import { BLUR_FLAGS, BLURRED_SUFFIX, type MinimiseContext } from './context.js';
import { discloseItems } from './items.js';

/** `ref` with the suffix that makes the media service serve its blurred rendition. */
export function blurredRef(ref: string): string {
  return `${ref}${BLURRED_SUFFIX}`;
}

/** True when a list item is flagged as showing a minor, a restrained person, a victim or a witness. */
function sensitiveItem(item: Readonly<Record<string, unknown>>): boolean {
  return BLUR_FLAGS.some((flag) => item[flag] === true);
}

/**
 * True when a record's own photo must go out blurred: its subject is a minor today, or its age is
 * unknown (no `date_of_birth` in the record). Fail closed: only a known adult's photo is released
 * as is, so a caller that forgot to open the birth date gets blurred photos, never a minor's face.
 */
function subjectMayBeMinor(record: Readonly<Record<string, unknown>>, today: string): boolean {
  const dob = record['date_of_birth'];
  return typeof dob !== 'string' || isMinorOn(dob, today);
}

/**
 * A field disclosed in `clear`: the value as stored, except media of vulnerable people, which is
 * released blurred unless `ctx.mediaUnblurred` (the purpose allows it and leadership approved).
 *
 * - Lists: items as stored (declared members only); an item with a `media_ref` flagged `shows_minor`,
 *   `shows_restrained`, `shows_victim` or `shows_witness` gets `blurred: true` and its reference
 *   suffixed `#blurred`.
 * - A record's own media reference (`photo_ref`, any top-level `media` string) gets `#blurred` when
 *   its subject is a minor today, or when the record carries no date of birth to tell.
 *
 * @example
 * discloseClear('evidence', evidenceDef, [{ media_ref: 'ev/1.jpg', kind: 'photo', shows_minor: true, shows_restrained: false }], record, ctx)
 * // [{ media_ref: 'ev/1.jpg#blurred', kind: 'photo', shows_minor: true, shows_restrained: false, blurred: true }]
 * discloseClear('photo_ref', photoDef, 'id/p-1.jpg', { date_of_birth: '2012-05-01' }, { ...ctx, today: '2026-06-30' }) // 'id/p-1.jpg#blurred'
 */
export function discloseClear(name: string, field: FieldDef, value: unknown, record: Readonly<Record<string, unknown>>, ctx: MinimiseContext): unknown {
  if (field.kind === 'list') {
    const items = discloseItems(name, field, value, 'clear', (_itemField, itemValue) => itemValue);
    if (items === undefined || ctx.mediaUnblurred || field.items?.['media_ref'] === undefined) return items;
    return items.map((item) => {
      const ref = item['media_ref'];
      return typeof ref === 'string' && sensitiveItem(item) ? { ...item, media_ref: blurredRef(ref), blurred: true } : item;
    });
  }
  if (field.class === 'media' && typeof value === 'string' && !ctx.mediaUnblurred && subjectMayBeMinor(record, ctx.today)) return blurredRef(value);
  if (field.kind === 'place' && typeof value === 'object' && value !== null) return { ...value };
  return value;
}
