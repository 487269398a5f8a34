import { discloseItems } from '@need2know/deidentify';
import type { FieldDef } from '@need2know/schema';
import { BLURRED_SUFFIX, type MinimiseContext } from './context.js';
import { discloseMedia, holdsMedia } from './media.js';

/** `ref` with the suffix that makes the media service serve its blurred rendition. */
export function blurredRef(ref: string): string {
  return `${ref}${BLURRED_SUFFIX}`;
}

/**
 * A field disclosed in `clear`: the value as stored, except media of vulnerable people, which is
 * released redacted unless `ctx.mediaUnblurred` (the purpose allows originals and leadership approved).
 *
 * - Lists: items as stored (declared members only); an item with a `media_ref` flagged `shows_minor`,
 *   `shows_restrained`, `shows_victim` or `shows_witness` gets `redacted: true` and its reference
 *   suffixed `#redacted` (media.ts).
 * - A record's own media reference (`photo_ref`, any top-level `media` string) gets `#redacted` when
 *   its subject is a minor today, or when the record carries no date of birth to tell.
 *
 * @example
 * discloseClear('evidence', evidenceDef, [{ media_ref: 'ev/1.jpg', kind: 'photo', shows_minor: true, shows_restrained: false }], record, ctx)
 * // [{ media_ref: 'ev/1.jpg#redacted', kind: 'photo', shows_minor: true, shows_restrained: false, redacted: true }]
 * discloseClear('photo_ref', photoDef, 'id/p-1.jpg', { date_of_birth: '2012-05-01' }, { ...ctx, today: '2026-06-30' }) // 'id/p-1.jpg#redacted'
 */
export function discloseClear(name: string, field: FieldDef, value: unknown, record: Readonly<Record<string, unknown>>, ctx: MinimiseContext): unknown {
  if (holdsMedia(field)) return discloseMedia(name, field, value, record, 'clear', ctx);
  if (field.kind === 'list') return discloseItems(name, field, value, 'clear', (_itemField, itemValue) => itemValue);
  if (field.kind === 'place' && typeof value === 'object' && value !== null) return { ...value };
  return value;
}
