/**
 * The secret half of a {@link KeyRing}: its HKDF pseudorandom key and the cache of derived keys.
 *
 * Kept in a module-private WeakMap rather than on the ring, so that no public property, `JSON`
 * serialisation or debugger print of a ring shows key material, and only this package can derive
 * from it. Internal.
 */
import { DERIVED_KEY_BYTES, MAX_CACHED_KEYS } from '../constants.js';
import type { KeyRing } from '../key-ring.js';
import { lengthPrefixed, u32be, utf8 } from './bytes.js';
import { hkdfExpand } from './hkdf.js';
import { type KeyedMac, keyedHmacSha256 } from './hmac.js';
import { INFO_SCHEME, PURPOSE_FIELD, PURPOSE_INDEX, PURPOSE_KEY_CHECK, PURPOSE_PSEUDONYM, PURPOSE_SIGNING_SEED, PURPOSE_WRAP } from './labels.js';

interface KeyState {
  readonly prk: Uint8Array;
  readonly keys: Map<string, Uint8Array>;
  readonly macs: Map<string, KeyedMac>;
}

const states = new WeakMap<object, KeyState>();

/** Binds a freshly extracted PRK to its ring. Called once, by the KeyRing constructor. */
export function attachKeyState(ring: object, prk: Uint8Array): void {
  states.set(ring, { prk, keys: new Map(), macs: new Map() });
}

function stateOf(ring: KeyRing): KeyState {
  const state = states.get(ring);
  if (state === undefined) throw new TypeError('ring must be a KeyRing');
  return state;
}

/** HKDF-Expand with info = lengthPrefixed(scheme, purpose, ...params) (RFC 5869 §3.2: info binds the context). */
function derive(prk: Uint8Array, purpose: string, params: readonly Uint8Array[]): Uint8Array {
  const info = lengthPrefixed([utf8(INFO_SCHEME), utf8(purpose), ...params]);
  return hkdfExpand(prk, info, DERIVED_KEY_BYTES);
}

function cached<T>(cache: Map<string, T>, id: string, make: () => T): T {
  let value = cache.get(id);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED_KEYS) cache.clear();
    value = make();
    cache.set(id, value);
  }
  return value;
}

/** Sealing key for a (checked) field class and key version. */
export function fieldKey(ring: KeyRing, fieldClass: string, version: number): Uint8Array {
  const { prk, keys } = stateOf(ring);
  // fieldClass matches [a-z_]+, so the NUL separators cannot be forged.
  return cached(keys, `f\0${fieldClass}\0${version}`, () => derive(prk, PURPOSE_FIELD, [utf8(fieldClass), u32be(version)]));
}

/** Wrapping key for a (checked) label and key version. */
export function wrapKey(ring: KeyRing, label: string, version: number): Uint8Array {
  const { prk, keys } = stateOf(ring);
  // Labels match [a-z0-9_.:-]+, so the NUL separators cannot be forged.
  return cached(keys, `w\0${label}\0${version}`, () => derive(prk, PURPOSE_WRAP, [utf8(label), u32be(version)]));
}

/** Keyed HMAC for the blind index of a (checked) record type and search name, at the ring's index version. */
export function indexMac(ring: KeyRing, recordType: string, search: string): KeyedMac {
  const { prk, macs } = stateOf(ring);
  const version = ring.indexVersion;
  // Both names are arbitrary strings: prefix the first with its length so the cache id stays injective.
  const id = `i\0${version}\0${recordType.length}:${recordType}\0${search}`;
  return cached(macs, id, () => keyedHmacSha256(derive(prk, PURPOSE_INDEX, [utf8(recordType), utf8(search), u32be(version)])));
}

/**
 * Keyed HMAC for the pseudonyms of a (checked) receiving agency. Not versioned: a pseudonym must stay
 * the same for as long as the agency holds earlier ones, so it does not move with key rotation.
 */
export function pseudonymMac(ring: KeyRing, agency: string): KeyedMac {
  const { prk, macs } = stateOf(ring);
  return cached(macs, `p\0${agency}`, () => keyedHmacSha256(derive(prk, PURPOSE_PSEUDONYM, [utf8(agency)])));
}

/** Seed of a long-term signing key for a (checked) label. Not cached: the caller keeps its key. */
export function signingSeedBytes(ring: KeyRing, label: string): Uint8Array {
  return derive(stateOf(ring).prk, PURPOSE_SIGNING_SEED, [utf8(label)]);
}

/** Output of the key-check derivation (nothing else is derived under its purpose). */
export function keyCheckBytes(ring: KeyRing): Uint8Array {
  return derive(stateOf(ring).prk, PURPOSE_KEY_CHECK, []);
}
