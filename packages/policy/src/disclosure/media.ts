import { discloseItems } from '@need2know/deidentify';
import { isMinorOn, type FieldDef } from '@need2know/schema';
import { BLUR_FLAGS, BLURRED_SUFFIX, REDACTED_SUFFIX, type MinimiseContext } from './context.js';

/** The modes a media field declares besides `none`. */
export type MediaFieldMode = 'clear' | 'redacted' | 'blurred';

/** The member of list items that holds a media reference (`evidence[].media_ref`). */
const ITEM_REF = 'media_ref';

/** True when a list item is flagged as showing a minor, a restrained person, a victim or a witness. */
function sensitiveItem(item: Readonly<Record<string, unknown>>): boolean {
  return BLUR_FLAGS.some((flag) => item[flag] === true);
}

/**
 * True when a record's own photo is protected: its subject is a minor today, or its age is unknown
 * (no `date_of_birth` in the record). Fail closed: only a known adult's photo counts as unflagged, so
 * a caller that forgot to open the birth date gets protected photos, never a minor's face.
 */
function subjectMayBeMinor(record: Readonly<Record<string, unknown>>, today: string): boolean {
  const dob = record['date_of_birth'];
  return typeof dob !== 'string' || isMinorOn(dob, today);
}

/**
 * The suffix a reference leaves with: the most the media service will serve for it.
 * `clear`: none (the original) for unflagged media or where `ctx.mediaUnblurred`, `#redacted`
 * otherwise; `redacted`: always `#redacted`; `blurred`: always `#blurred`.
 */
function suffixFor(mode: MediaFieldMode, flagged: boolean, ctx: MinimiseContext): string {
  if (mode === 'blurred') return BLURRED_SUFFIX;
  if (mode === 'redacted') return REDACTED_SUFFIX;
  return flagged && !ctx.mediaUnblurred ? REDACTED_SUFFIX : '';
}

/** The item flag that tells a reader the item left protected (`blurred: true` or `redacted: true`). */
function markOf(suffix: string): 'blurred' | 'redacted' {
  return suffix === BLURRED_SUFFIX ? 'blurred' : 'redacted';
}

/**
 * A media field (`photo_ref`, or a list of items with a `media_ref` such as `evidence`) disclosed in
 * `mode`: each reference carries the suffix that caps what `POST /v1/media` serves for it.
 *
 * - `clear`: unflagged media as is; media of vulnerable people (evidence flagged `shows_minor`,
 *   `shows_restrained`, `shows_victim` or `shows_witness`; the photo of a minor or of a person of
 *   unknown age) suffixed `#redacted` unless `ctx.mediaUnblurred` (the purpose allows originals and
 *   two leadership officers approved the grant);
 * - `redacted`: every reference suffixed `#redacted` (faces and regions hidden, whatever the flags);
 * - `blurred`: every reference suffixed `#blurred` (the whole frame).
 *
 * A suffixed list item also gets `redacted: true` or `blurred: true`.
 *
 * @example
 * discloseMedia('evidence', evidenceDef, [{ media_ref: 'ev/1.jpg', kind: 'photo', shows_minor: true, shows_restrained: false }], record, 'clear', ctx)
 * // [{ media_ref: 'ev/1.jpg#redacted', kind: 'photo', shows_minor: true, shows_restrained: false, redacted: true }]
 * discloseMedia('photo_ref', photoDef, 'id/p-1.jpg', { date_of_birth: '1980-05-01' }, 'blurred', ctx) // 'id/p-1.jpg#blurred'
 * @throws TypeError for a field that holds no media.
 */
export function discloseMedia(
  name: string,
  field: FieldDef,
  value: unknown,
  record: Readonly<Record<string, unknown>>,
  mode: MediaFieldMode,
  ctx: MinimiseContext,
): unknown {
  if (field.kind === 'list') {
    if (field.items?.[ITEM_REF] === undefined) throw new TypeError(`${name} holds no media`);
    const items = discloseItems(name, field, value, 'clear', (_itemField, itemValue) => itemValue);
    return items?.map((item) => {
      const ref = item[ITEM_REF];
      const suffix = suffixFor(mode, sensitiveItem(item), ctx);
      return typeof ref === 'string' && suffix !== '' ? { ...item, [ITEM_REF]: `${ref}${suffix}`, [markOf(suffix)]: true } : item;
    });
  }
  if (field.class !== 'media' || field.kind !== 'string') throw new TypeError(`${name} holds no media`);
  if (typeof value !== 'string') return value;
  return `${value}${suffixFor(mode, subjectMayBeMinor(record, ctx.today), ctx)}`;
}

/** True when `field` holds media references: a media string (`photo_ref`) or a list of items with a `media_ref`. */
export function holdsMedia(field: FieldDef): boolean {
  if (field.kind === 'list') return field.items?.[ITEM_REF] !== undefined;
  return field.class === 'media' && field.kind === 'string' && field.derived !== true;
}
