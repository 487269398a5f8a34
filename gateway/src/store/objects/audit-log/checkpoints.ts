/**
 * The log's signed checkpoints (c2sp.org/tlog-checkpoint), stored by tree size, and the key that
 * signs them: an Ed25519 key derived from the root secret's key ring under its own label.
 */
import { ed25519NoteSigner, type NoteSigner } from '@need2know/audit';
import { KeyRing, signingSeed } from '@need2know/crypto';

/** Key-ring label of the checkpoint-signing key (`signingSeed`: domain-separated from every other derived key). */
const CHECKPOINT_KEY_LABEL = 'audit-checkpoint';

/**
 * The checkpoint signer for `origin`, from the key ring like every other key: a root secret that is
 * missing or shorter than 32 bytes throws here and nothing is signed.
 */
export async function checkpointSigner(rootSecret: string | undefined, origin: string): Promise<NoteSigner> {
  const seed = signingSeed(KeyRing.fromBase64url(rootSecret ?? '', { currentVersion: 1 }), CHECKPOINT_KEY_LABEL);
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
