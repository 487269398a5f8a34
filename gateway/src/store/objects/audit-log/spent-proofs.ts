/**
 * Single-use DPoP proofs (RFC 9449 §11.1) of the record requests a log shard answers, spent in the
 * same atomic step that counts the request and logs its answer: a proof is either fresh, and then
 * spent together with its one answer, or seen before, and then nothing is counted or logged. Each
 * proof is remembered until it would be refused as stale anyway. Synchronous, like `admission.ts`.
 */
import type { Nonce } from '../replay-guard/replay-guard.js';

/** Tables the spent proofs live in (created by the owning object at start). */
export const SPENT_PROOF_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS spent_proofs (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID',
  'CREATE INDEX IF NOT EXISTS spent_proofs_expiry ON spent_proofs (expires_at)',
] as const;

/** Spends `proof` at `now`: true when it was fresh (and is now spent), false when it was spent before. */
export function spendOnce(sql: SqlStorage, proof: Nonce, now: number): boolean {
  sql.exec('DELETE FROM spent_proofs WHERE expires_at < ?', now);
  if (sql.exec('SELECT 1 FROM spent_proofs WHERE key = ?', proof.key).toArray().length > 0) return false;
  sql.exec('INSERT INTO spent_proofs (key, expires_at) VALUES (?, ?)', proof.key, proof.expiresAt);
  return true;
}
