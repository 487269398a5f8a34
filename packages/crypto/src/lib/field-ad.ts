/**
 * Additional data of a sealed field (see ENVELOPE.md, "Field AD"). Internal.
 *
 *   lengthPrefixed("n2kf1", u32be(keyVersion), owner, recordType, recordId, field, fieldClass)
 */
import type { FieldContext } from '../types.js';
import { lengthPrefixed, u32be, utf8 } from './bytes.js';
import { FIELD_TAG } from './labels.js';
import { checkFieldClass, identifierBytes } from './validate.js';

const FIELD_TAG_BYTES = utf8(FIELD_TAG);

/** Checks `ctx` (TypeError on misuse) and returns its field class and the AD for `version`. */
export function fieldAdditionalData(ctx: FieldContext, version: number): { readonly fieldClass: string; readonly ad: Uint8Array } {
  if (typeof ctx !== 'object' || ctx === null) throw new TypeError('ctx must be a FieldContext');
  const fieldClass = checkFieldClass(ctx.fieldClass);
  const ad = lengthPrefixed([
    FIELD_TAG_BYTES,
    u32be(version),
    identifierBytes('ctx.owner', ctx.owner),
    identifierBytes('ctx.recordType', ctx.recordType),
    identifierBytes('ctx.recordId', ctx.recordId),
    identifierBytes('ctx.field', ctx.field),
    utf8(fieldClass),
  ]);
  return { fieldClass, ad };
}
