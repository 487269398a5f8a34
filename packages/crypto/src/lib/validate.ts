/** Argument checks at the door. Misuse throws `TypeError`; messages name the argument, never its value. Internal. */
import { MAX_IDENTIFIER_BYTES, MAX_KEY_VERSION } from '../constants.js';
import { utf8Strict } from './bytes.js';

const FIELD_CLASS = /^[a-z_]{1,32}$/;

/**
 * Checks an identifier (owner, record type, record id, field, search name) and returns its UTF-8
 * bytes: a non-empty, well-formed string of at most {@link MAX_IDENTIFIER_BYTES} bytes.
 */
export function identifierBytes(name: string, value: unknown, max = MAX_IDENTIFIER_BYTES): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name} must be a non-empty string`);
  if (value.length > max) throw new TypeError(`${name} must be at most ${max} UTF-8 bytes`);
  // Lone surrogates would become U+FFFD and let two different identifiers share one encoding.
  const bytes = utf8Strict(value);
  if (bytes === undefined) throw new TypeError(`${name} must be well-formed Unicode`);
  if (bytes.length > max) throw new TypeError(`${name} must be at most ${max} UTF-8 bytes`);
  return bytes;
}

/** Checks a field class name against `[a-z_]{1,32}`. */
export function checkFieldClass(value: unknown): string {
  if (typeof value !== 'string' || !FIELD_CLASS.test(value)) throw new TypeError('fieldClass must match [a-z_]{1,32}');
  return value;
}

/** Checks a key version: an integer in 1..2^32-1. */
export function checkVersion(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_KEY_VERSION) {
    throw new TypeError(`${name} must be an integer from 1 to ${MAX_KEY_VERSION}`);
  }
  return value;
}
