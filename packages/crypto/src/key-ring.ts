import { MIN_ROOT_SECRET_BYTES } from './constants.js';
import { decodeBase64url, encodeBase64url } from './encoding/base64url.js';
import { utf8 } from './lib/bytes.js';
import { hkdfExtract } from './lib/hkdf.js';
import { attachKeyState } from './lib/key-state.js';
import { HKDF_SALT } from './lib/labels.js';
import { checkVersion } from './lib/validate.js';

/** Versions a {@link KeyRing} seals and opens with. */
export interface KeyRingOptions {
  /**
   * Version that seals new fields and wraps new secrets. Rotation is raising it: envelopes of any
   * version from `oldestVersion` to `currentVersion` still open, and `rewrapField` moves them up.
   */
  readonly currentVersion: number;
  /**
   * Oldest version still accepted when opening (default 1). Raise it once a re-wrap pass has moved
   * every envelope forward, so that the retired keys are refused even if someone still has them.
   */
  readonly oldestVersion?: number;
  /**
   * Version of the blind-index keys (default 1). Independent of `currentVersion`: index tags cannot
   * be re-wrapped, only recomputed from plaintext, so changing it means rebuilding every index.
   */
  readonly indexVersion?: number;
}

/**
 * The key hierarchy of one gateway: every key it uses for data at rest, derived on demand from a
 * single root secret with HKDF-SHA256 (RFC 5869) and cached.
 *
 * - field-sealing keys, per field class and key version;
 * - blind-index keys, per record type and search name, at the separate index version;
 * - wrapping keys for the gateway's own secrets, per label and key version.
 *
 * The ring exposes no key material: derived keys live in a module-private map and are reachable
 * only through this package's functions.
 *
 * Security guidance: the root secret must be at least 32 uniformly random bytes (use
 * {@link KeyRing.generateSecret}), held only as a Worker secret, never in D1, KV, logs or source.
 * Whoever holds it can open every field and recompute every index. Raising `currentVersion` retires
 * derived keys (a suspected key exposure, or the end of a cryptoperiod); replacing the root secret
 * itself means opening everything with the old ring and sealing with a new one (see ENVELOPE.md).
 *
 * @example
 * ```ts
 * const ring = KeyRing.fromBase64url(env.N2K_ROOT_SECRET, { currentVersion: 2 });
 * ```
 */
export class KeyRing {
  /** Version that seals and wraps. */
  readonly currentVersion: number;
  /** Oldest version accepted when opening. */
  readonly oldestVersion: number;
  /** Version of the blind-index keys. */
  readonly indexVersion: number;

  /**
   * @param rootSecret At least {@link MIN_ROOT_SECRET_BYTES} random bytes. Not kept: only its HKDF
   * pseudorandom key is, so the caller may wipe its copy afterwards.
   * @throws TypeError when the secret is too short or a version is not an integer in range.
   */
  constructor(rootSecret: Uint8Array, options: KeyRingOptions) {
    if (!(rootSecret instanceof Uint8Array)) throw new TypeError('rootSecret must be a Uint8Array');
    if (rootSecret.length < MIN_ROOT_SECRET_BYTES) {
      throw new TypeError(`rootSecret must be at least ${MIN_ROOT_SECRET_BYTES} bytes`);
    }
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    this.currentVersion = checkVersion('currentVersion', options.currentVersion);
    this.oldestVersion = checkVersion('oldestVersion', options.oldestVersion ?? 1);
    this.indexVersion = checkVersion('indexVersion', options.indexVersion ?? 1);
    if (this.oldestVersion > this.currentVersion) throw new TypeError('oldestVersion must not exceed currentVersion');
    // Extract once (RFC 5869 §2.2); every key is then one Expand with its own info (§2.3, §3.2).
    attachKeyState(this, hkdfExtract(rootSecret, utf8(HKDF_SALT)));
    Object.freeze(this);
  }

  /**
   * Builds a ring from a base64url root secret (RFC 4648 §5, no padding), as stored in a Worker
   * secret; surrounding whitespace (a trailing newline from `wrangler secret put`) is ignored. The
   * decoded bytes are wiped once the ring has extracted its key.
   *
   * @throws TypeError when the secret is not canonical base64url or decodes to fewer than 32 bytes.
   */
  static fromBase64url(secret: string, options: KeyRingOptions): KeyRing {
    if (typeof secret !== 'string') throw new TypeError('secret must be a string');
    const bytes = decodeBase64url(secret.trim());
    if (bytes === undefined) throw new TypeError('secret must be base64url without padding');
    try {
      return new KeyRing(bytes, options);
    } finally {
      bytes.fill(0);
    }
  }

  /** A fresh root secret: 32 bytes from `crypto.getRandomValues`, as base64url (43 characters). */
  static generateSecret(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(MIN_ROOT_SECRET_BYTES));
    try {
      return encodeBase64url(bytes);
    } finally {
      bytes.fill(0);
    }
  }

  /** True when envelopes of `version` open with this ring (`oldestVersion` ≤ version ≤ `currentVersion`). */
  acceptsVersion(version: number): boolean {
    return Number.isInteger(version) && version >= this.oldestVersion && version <= this.currentVersion;
  }
}
