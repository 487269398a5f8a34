/**
 * Pure: the public keys a privacy officer pastes or loads from a file when registering a partner
 * or a data owner — a JWK Set (RFC 7517 §5), one JWK, or an array of JWKs. A private key is refused
 * here and never sent: the gateway registers public keys only, and a private key that left its
 * owner's machine must be replaced, not registered. Whether each key is of an accepted kind is the
 * gateway's check (it answers which key, and why).
 */

/** A JSON Web Key as pasted (RFC 7517 §4). */
export type Jwk = Record<string, unknown>;

/** Members that only private (or symmetric) keys carry (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export type KeyTextProblem = 'empty' | 'not_json' | 'no_keys' | 'private_key' | 'one_key_only';
export type KeyText = { ok: true; keys: Jwk[] } | { ok: false; problem: KeyTextProblem };

const isObject = (v: unknown): v is Jwk => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The keys in `text`: a JWK Set, one JWK or an array of them.
 *
 * @example parsePublicKeys('{"keys":[{"kty":"OKP","crv":"Ed25519","x":"…"}]}') // { ok: true, keys: [ … ] }
 */
export function parsePublicKeys(text: string): KeyText {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not_json' };
  }
  const list: unknown[] =
    isObject(value) && Array.isArray(value.keys) ? value.keys : Array.isArray(value) ? value : isObject(value) && 'kty' in value ? [value] : [];
  if (list.length === 0 || !list.every(isObject)) return { ok: false, problem: 'no_keys' };
  if (list.some((k) => PRIVATE_MEMBERS.some((m) => m in k))) return { ok: false, problem: 'private_key' };
  return { ok: true, keys: list };
}

/** Exactly one public key (a partner's encryption key): one JWK, or a set or array holding one. */
export function parsePublicKey(text: string): { ok: true; key: Jwk } | { ok: false; problem: KeyTextProblem } {
  const parsed = parsePublicKeys(text);
  if (!parsed.ok) return parsed;
  const [key] = parsed.keys;
  return parsed.keys.length === 1 && key !== undefined ? { ok: true, key } : { ok: false, problem: 'one_key_only' };
}
