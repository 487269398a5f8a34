import * as z from 'zod';
import { fail } from './fail.js';

/**
 * Characters refused in short strings: C0 and C1 controls (including tab and newlines), DEL, line and
 * paragraph separators, bidirectional embeddings, overrides and isolates (they disguise what a reader
 * sees), the byte-order mark, interlinear annotation marks, the noncharacters U+FFFE/U+FFFF, and lone
 * surrogates. Everything else is allowed — in particular Khmer letters, their combining vowel signs and
 * the coeng (U+17D2), and the zero-width space, non-joiner and joiner that Khmer text uses.
 */
const FORBIDDEN_IN_STRING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]|\p{Cs}/u;

/** As {@link FORBIDDEN_IN_STRING}, but long text may hold tabs and line breaks (LF, CR). */
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]|\p{Cs}/u;

/** True when `value` holds a character refused in a `string` (multiline false) or `text` field. */
export function hasForbiddenCharacter(value: string, multiline: boolean): boolean {
  return (multiline ? FORBIDDEN_IN_TEXT : FORBIDDEN_IN_STRING).test(value);
}

/**
 * Schema of a `string` or `text` field: at most `maxLength` UTF-16 units, no forbidden characters, not
 * blank. The parsed value is trimmed and in Unicode NFC, so that equal names index equally.
 */
export function textSchema(maxLength: number, multiline: boolean) {
  return z
    .string()
    .max(maxLength)
    .superRefine((value, ctx) => {
      if (hasForbiddenCharacter(value, multiline)) fail(ctx, 'control_character');
      else if (value.trim() === '') fail(ctx, 'empty');
    })
    .transform((value) => value.trim().normalize('NFC'));
}
