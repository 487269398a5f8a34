/**
 * Stable machine-readable codes of {@link CryptoError}. Switch on these, never on `message`.
 *
 * - `ERR_ENVELOPE_MALFORMED`: the string is not an envelope of this kind and format version
 *   (wrong prefix, bad version number, non-canonical base64url, too short, too long).
 * - `ERR_ENVELOPE_AUTH`: the envelope is well formed but does not authenticate under the key and
 *   context it was opened with: tampered, or moved to another owner, record, field, class or label.
 * - `ERR_KEY_VERSION_UNKNOWN`: the envelope names a key version newer than the ring's current
 *   version or older than its oldest accepted version.
 * - `ERR_PLAINTEXT_NOT_TEXT`: an authentic sealed value was opened as text but is not UTF-8.
 * - `ERR_NORMALISE_INVALID`: a searchable value cannot be normalised (not a phone number, not a
 *   calendar date, …).
 */
export type CryptoErrorCode = 'ERR_ENVELOPE_MALFORMED' | 'ERR_ENVELOPE_AUTH' | 'ERR_KEY_VERSION_UNKNOWN' | 'ERR_PLAINTEXT_NOT_TEXT' | 'ERR_NORMALISE_INVALID';

/**
 * The one error class of `@need2know/crypto` for bad input (as opposed to API misuse, which throws
 * `TypeError`).
 *
 * Messages describe what kind of input failed and why, and never contain the input itself, a
 * plaintext, a key, or a personal value: they are safe to write to the audit log. Put the generic
 * text on the wire and keep `code` for the log.
 *
 * @example
 * ```ts
 * try {
 *   openFieldText(ring, ctx, stored);
 * } catch (err) {
 *   if (err instanceof CryptoError && err.code === 'ERR_ENVELOPE_AUTH') alarm('tampered field');
 *   throw err;
 * }
 * ```
 */
export class CryptoError extends Error {
  /** Stable code; see {@link CryptoErrorCode}. */
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}
