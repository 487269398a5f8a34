/**
 * What a media reference is to the record that names it: which field holds it, and whether the
 * record flags it (a minor, a victim, a witness, a person in restraints; the photo of a person of
 * unknown age). The flags are minimisation's (`discloseMedia` in `clear`), so the media service
 * protects exactly what a disclosed record protects; the rendition itself is decided by
 * `renditionToRelease` in the policy package.
 */
import type { FieldDef, RecordTypeDef } from '@need2know/schema';
import { discloseMedia, holdsMedia, REDACTED_SUFFIX, type MinimiseContext, type ReleasedRendition } from '@need2know/policy';

/** The renditions the media store can release. */
export type Rendition = ReleasedRendition;

/** The member of list items that holds a media reference (`evidence[].media_ref`). */
const ITEM_REF = 'media_ref';

/** Fields of `def` that hold media references, in declaration order (`person`: `photo_ref`; `case`: `evidence`). */
export function mediaFields(def: RecordTypeDef): string[] {
  return Object.entries(def.fields)
    .filter(([, field]) => holdsMedia(field))
    .map(([name]) => name);
}

/** The references a field's value holds. */
function refsOf(field: FieldDef, value: unknown): string[] {
  if (field.kind !== 'list') return typeof value === 'string' ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const ref = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[ITEM_REF] : undefined;
    return typeof ref === 'string' ? [ref] : [];
  });
}

/**
 * The media field of `record` that holds `ref`, or null. Used at upload, to bind a media item to
 * the field of the record that names it.
 */
export function fieldHoldingRef(def: RecordTypeDef, record: Readonly<Record<string, unknown>>, ref: string): string | null {
  for (const name of mediaFields(def)) if (refsOf(def.fields[name] as FieldDef, record[name]).includes(ref)) return name;
  return null;
}

/**
 * Whether `record` flags `ref` in its field `fieldName`: true when minimisation in `clear` without
 * released originals protects it (`#redacted`), false when it releases it as is, null when the field
 * does not carry `ref` at all (or holds no media).
 *
 * The caller passes the record with the fields minimisation needs opened (`fieldsToOpen` for the
 * field in `clear`: a photo needs the birth date, or it counts as possibly a minor's and is flagged).
 *
 * @example
 * refFlagged(crimeCase, 'evidence', { id, evidence: [{ media_ref: 'ev/1.png', kind: 'photo', shows_minor: true, shows_restrained: false }] }, 'ev/1.png', ctx) // true
 */
export function refFlagged(
  def: RecordTypeDef,
  fieldName: string,
  record: Readonly<Record<string, unknown>>,
  ref: string,
  ctx: MinimiseContext,
): boolean | null {
  const field = Object.hasOwn(def.fields, fieldName) ? def.fields[fieldName] : undefined;
  // A stored ref never carries a suffix (uploads refuse `#`): such a ref names a disclosure, not media.
  if (field === undefined || !holdsMedia(field) || ref.includes('#')) return null;
  const disclosed = refsOf(field, discloseMedia(fieldName, field, record[fieldName], record, 'clear', { ...ctx, mediaUnblurred: false }));
  if (disclosed.includes(ref)) return false;
  if (disclosed.includes(`${ref}${REDACTED_SUFFIX}`)) return true;
  return null;
}
