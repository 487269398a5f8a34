/**
 * Which rendition of a media reference a partner may receive. Pure: the decision is the one
 * minimisation makes when it discloses the record (`discloseClear`), so the media service releases
 * exactly what the record it came from says — a reference disclosed as `ref#blurred` gets the
 * blurred rendition, a reference disclosed as `ref` the original — and nothing for a reference the
 * disclosed record does not carry.
 */
import type { FieldDef, RecordTypeDef } from '@need2know/schema';
import { discloseClear } from '@need2know/policy';
import { BLURRED_SUFFIX, type MinimiseContext } from '@need2know/policy';

/** The two renditions the media store keeps. */
export type Rendition = 'original' | 'blurred';

/** The member of list items that holds a media reference (`evidence[].media_ref`). */
const ITEM_REF = 'media_ref';

/** True for a field that holds media references: a media string (`photo_ref`) or a list of items with a `media_ref`. */
function holdsMedia(field: FieldDef): boolean {
  if (field.kind === 'list') return field.items?.[ITEM_REF] !== undefined;
  return field.class === 'media' && field.kind === 'string' && field.derived !== true;
}

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

/** A reference as a partner asks for it: the bare ref, or the ref with `#blurred` (as a blurred disclosure carries it). */
export interface RequestedRef {
  readonly ref: string;
  readonly blurredAsked: boolean;
}

/** Splits a requested reference into the stored ref and whether the blurred rendition was asked for. */
export function parseRequestedRef(requested: string): RequestedRef {
  return requested.endsWith(BLURRED_SUFFIX) ? { ref: requested.slice(0, -BLURRED_SUFFIX.length), blurredAsked: true } : { ref: requested, blurredAsked: false };
}

/**
 * The rendition of `ref` a disclosure of `record` under `ctx` allows, through its field `fieldName`
 * disclosed in `clear`: `original` when minimisation releases the reference as is (unflagged
 * evidence, a known adult's photo, or flagged media where `ctx.mediaUnblurred`), `blurred` when it
 * releases it as `ref#blurred`, null when the disclosed field does not carry `ref` at all.
 *
 * The caller passes the record with the fields minimisation needs opened (see `fieldsToOpen`: a
 * photo needs the birth date, or it counts as possibly a minor's and comes out blurred) and must
 * have checked that the purpose discloses `fieldName` in `clear`.
 *
 * @example
 * releasableRendition(crimeCase, 'evidence', { id, evidence: [{ media_ref: 'ev/1.png', kind: 'photo', shows_minor: true, shows_restrained: false }] }, 'ev/1.png', ctx) // 'blurred'
 */
export function releasableRendition(def: RecordTypeDef, fieldName: string, record: Readonly<Record<string, unknown>>, ref: string, ctx: MinimiseContext): Rendition | null {
  const field = Object.hasOwn(def.fields, fieldName) ? def.fields[fieldName] : undefined;
  // A stored ref never ends with the suffix (uploads refuse `#`): such a ref names a disclosure, not media.
  if (field === undefined || !holdsMedia(field) || ref.endsWith(BLURRED_SUFFIX)) return null;
  const disclosed = refsOf(field, discloseClear(fieldName, field, record[fieldName], record, ctx));
  if (disclosed.includes(ref)) return 'original';
  if (disclosed.includes(`${ref}${BLURRED_SUFFIX}`)) return 'blurred';
  return null;
}

/**
 * The rendition to release for a request: never more than {@link releasableRendition} allows, and
 * the blurred one whenever the partner asked for it (`ref#blurred`), flagged or not.
 */
export function renditionToRelease(allowed: Rendition | null, requested: RequestedRef): Rendition | null {
  if (allowed === null) return null;
  return requested.blurredAsked ? 'blurred' : allowed;
}
