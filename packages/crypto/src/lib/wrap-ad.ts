/**
 * Additional data of a wrapped secret (see ENVELOPE.md, "Wrap AD"). Internal.
 *
 *   lengthPrefixed("n2kw1", u32be(keyVersion), label, aadField)
 *   aadField = 0x00 when no aad was given, 0x01 ‖ utf8(aad) otherwise
 */
import { MAX_WRAP_AAD_BYTES } from '../constants.js';
import { lengthPrefixed, u32be, utf8 } from './bytes.js';
import { WRAP_TAG } from './labels.js';
import { identifierBytes } from './validate.js';

const WRAP_TAG_BYTES = utf8(WRAP_TAG);
const LABEL = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;

/** Checks a wrap label: it names a kind of secret (`signing_key`, `viewer_key`), not an instance. */
export function checkLabel(label: unknown): string {
  if (typeof label !== 'string' || !LABEL.test(label)) throw new TypeError('label must match [a-z0-9][a-z0-9_.:-]{0,63}');
  return label;
}

/** AD for a (checked) label, an optional aad and a key version. */
export function wrapAdditionalData(label: string, aad: string | undefined, version: number): Uint8Array {
  let aadField: Uint8Array;
  if (aad === undefined) {
    aadField = new Uint8Array([0]);
  } else {
    const bytes = aad === '' ? new Uint8Array(0) : identifierBytes('aad', aad, MAX_WRAP_AAD_BYTES);
    aadField = new Uint8Array(1 + bytes.length);
    aadField[0] = 1;
    aadField.set(bytes, 1);
  }
  return lengthPrefixed([WRAP_TAG_BYTES, u32be(version), utf8(label), aadField]);
}
