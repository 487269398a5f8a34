/** Statement recording that the token `jti` of `clientId` is revoked until it would have expired. */
export function insertRevocation(db: D1Database, jti: string, clientId: string, now: number, expiresAt: number): D1PreparedStatement {
  return db.prepare('INSERT OR IGNORE INTO revoked_tokens (jti, client_id, revoked_at, expires_at) VALUES (?, ?, ?, ?)').bind(jti, clientId, now, expiresAt);
}

/** Statement selecting the revocation of `jti`, if any (batched with the other per-request reads). */
export function selectRevocation(db: D1Database, jti: string): D1PreparedStatement {
  return db.prepare('SELECT jti FROM revoked_tokens WHERE jti = ?').bind(jti);
}

/** Forgets revocations of tokens that have expired anyway. Returns how many rows went. */
export async function purgeExpiredRevocations(db: D1Database, now: number): Promise<number> {
  const result = await db.prepare('DELETE FROM revoked_tokens WHERE expires_at < ?').bind(now).run();
  return result.meta.changes;
}

/** Whether the token `jti` is revoked. */
export async function isRevoked(db: D1Database, jti: string): Promise<boolean> {
  return (await selectRevocation(db, jti).first()) !== null;
}
