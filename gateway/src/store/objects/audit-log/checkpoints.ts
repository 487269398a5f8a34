/**
 * The log's signed checkpoints (c2sp.org/tlog-checkpoint), stored by tree size, and the key that
 * signs them: the key ring's `audit-checkpoint` signing key, like every other key the gateway derives.
 */
import { ed25519NoteSigner, formatCheckpoint, rootOf, signCheckpoint, type CompactRange, type NoteSigner } from '@need2know/audit';
import { signingSeed, type KeyRing } from '@need2know/crypto';

/**
 * Key-ring label of the checkpoint-signing key (`signingSeed`: domain-separated from every other
 * derived key, and the same at every field-key version, so rotations never change the key outsiders pin).
 */
export const CHECKPOINT_KEY_LABEL = 'audit-checkpoint';

/** The checkpoint signer for `origin`: the ring's `audit-checkpoint` signing key (its seed is wiped once imported). */
export async function checkpointSigner(ring: KeyRing, origin: string): Promise<NoteSigner> {
  const seed = signingSeed(ring, CHECKPOINT_KEY_LABEL);
  try {
    return await ed25519NoteSigner(origin, seed);
  } finally {
    seed.fill(0);
  }
}

/** The checkpoint stored for a tree of `size` leaves, if any. */
export function checkpointOfSize(sql: SqlStorage, size: number): string | undefined {
  return sql.exec<{ note: string }>('SELECT note FROM checkpoints WHERE size = ?', size).toArray()[0]?.note;
}

/** The newest stored checkpoint and its tree size, if any. */
export function newestCheckpoint(sql: SqlStorage): { size: number; note: string } | undefined {
  return sql.exec<{ size: number; note: string }>('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1').toArray()[0];
}

/** Stores `note` as the checkpoint of `size` unless one is stored already. */
export function storeCheckpoint(sql: SqlStorage, size: number, note: string, now: number): void {
  sql.exec('INSERT OR IGNORE INTO checkpoints (size, note, at) VALUES (?, ?, ?)', size, note, now);
}

/**
 * The checkpoint of the tree `state`: the stored one when there is one, otherwise one signed by
 * `signer` now and stored (Ed25519 signatures are deterministic: two callers racing sign the same note).
 */
export async function checkpointOfTree(sql: SqlStorage, state: CompactRange, origin: string, signer: () => Promise<NoteSigner>, now: number): Promise<string> {
  const existing = checkpointOfSize(sql, state.size);
  if (existing !== undefined) return existing;
  const note = await signCheckpoint(formatCheckpoint({ origin, size: state.size, root: rootOf(state) }), await signer());
  storeCheckpoint(sql, state.size, note, now);
  return note;
}
