/**
 * Stable machine-readable codes of {@link AuditError}. Switch on these, never on `message`.
 *
 * - `ERR_INDEX_RANGE`: a leaf index or tree size is outside the tree (index ≥ size, m > n, …).
 * - `ERR_NODE_MISSING`: the node lookup given to a proof function had no hash for a node the
 *   proof needs (the store is behind, or was asked about a tree larger than it holds).
 * - `ERR_HASH_LENGTH`: a hash returned by the node lookup is not 32 bytes.
 * - `ERR_MALFORMED`: a checkpoint, signed note, key string or export does not follow its format.
 * - `ERR_SIGNATURE`: a signed note carries no valid signature by the expected key.
 */
export type AuditErrorCode = 'ERR_INDEX_RANGE' | 'ERR_NODE_MISSING' | 'ERR_HASH_LENGTH' | 'ERR_MALFORMED' | 'ERR_SIGNATURE';

/**
 * The one error class of `@need2know/audit` for bad input (API misuse throws `TypeError`).
 * Messages never contain entry contents or key material.
 *
 * @example
 * ```ts
 * try {
 *   await verifyCheckpoint(note, { keyName, publicKey });
 * } catch (err) {
 *   if (err instanceof AuditError && err.code === 'ERR_SIGNATURE') alarm('forged checkpoint');
 *   throw err;
 * }
 * ```
 */
export class AuditError extends Error {
  /** Stable code; see {@link AuditErrorCode}. */
  readonly code: AuditErrorCode;

  constructor(code: AuditErrorCode, message: string) {
    super(message);
    this.name = 'AuditError';
    this.code = code;
  }
}
