/** `signing_keys`: the gateway's token-signing key pairs (private half wrapped); at most one active. */
import type { JWK } from 'jose';
import type { NewSigningKey, SigningKey, WrappedSigningKey } from '../ports/keys.js';
import { guardChanged } from './change-guard.js';

/** A row of `signing_keys`, as the port types it. */
export type SigningKeyRow = SigningKey;
export type { WrappedSigningKey } from '../ports/keys.js';

interface Raw {
  kid: string;
  alg: string;
  public_jwk: string;
  wrapped_private: string;
  status: 'active' | 'retired';
  created_at: number;
  retired_at: number | null;
  publish_until: number | null;
}

const toRow = (r: Raw): SigningKeyRow => ({
  kid: r.kid,
  alg: r.alg,
  publicJwk: JSON.parse(r.public_jwk) as JWK,
  wrappedPrivate: r.wrapped_private,
  status: r.status,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
  publishUntil: r.publish_until,
});

/** Keys still to be published at `now`: the active one and retired ones whose tokens may live. */
export async function listPublishedKeys(db: D1Database, now: number): Promise<SigningKeyRow[]> {
  const { results } = await db.prepare("SELECT * FROM signing_keys WHERE status = 'active' OR publish_until > ? ORDER BY created_at DESC").bind(now).all<Raw>();
  return results.map(toRow);
}

/** Every key ever created, newest first (administration). */
export async function listAllKeys(db: D1Database): Promise<SigningKeyRow[]> {
  const { results } = await db.prepare('SELECT * FROM signing_keys ORDER BY created_at DESC').all<Raw>();
  return results.map(toRow);
}

/** Inserts `key` as the active key unless another is already active. Returns whether it was inserted. */
export async function insertFirstActiveKey(db: D1Database, key: NewSigningKey): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO signing_keys (kid, alg, public_jwk, wrapped_private, status, created_at)
       SELECT ?, ?, ?, ?, 'active', ? WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE status = 'active')`,
    )
    .bind(key.kid, key.alg, JSON.stringify(key.publicJwk), key.wrappedPrivate, key.createdAt)
    .run();
  return result.meta.changes === 1;
}

/**
 * Statements retiring the active key `oldKid` (published until `publishUntil`) and making `next`
 * active. In one batch: the guard after the retirement aborts it unless `oldKid` was still the
 * active key (a concurrent rotation won).
 */
export function replaceActiveKeyStatements(db: D1Database, oldKid: string, publishUntil: number, next: NewSigningKey): D1PreparedStatement[] {
  return [
    db
      .prepare("UPDATE signing_keys SET status = 'retired', retired_at = ?, publish_until = ? WHERE kid = ? AND status = 'active'")
      .bind(next.createdAt, publishUntil, oldKid),
    ...guardChanged(db),
    db
      .prepare(
        `INSERT INTO signing_keys (kid, alg, public_jwk, wrapped_private, status, created_at)
         SELECT ?, ?, ?, ?, 'active', ? WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE status = 'active')`,
      )
      .bind(next.kid, next.alg, JSON.stringify(next.publicJwk), next.wrappedPrivate, next.createdAt),
  ];
}

/** Every key's wrapped private half (any status). */
export async function listWrappedKeys(db: D1Database): Promise<WrappedSigningKey[]> {
  const { results } = await db.prepare('SELECT kid, wrapped_private FROM signing_keys').all<{ kid: string; wrapped_private: string }>();
  return results.map((r) => ({ kid: r.kid, wrappedPrivate: r.wrapped_private }));
}

/** The oldest key's wrapped private half, or null in an empty store. */
export async function oldestWrappedKey(db: D1Database): Promise<WrappedSigningKey | null> {
  const r = await db.prepare('SELECT kid, wrapped_private FROM signing_keys ORDER BY created_at LIMIT 1').first<{ kid: string; wrapped_private: string }>();
  return r === null ? null : { kid: r.kid, wrappedPrivate: r.wrapped_private };
}

/** Statement replacing key `kid`'s wrapped private half by `rewrapped`, only if it still holds `was`. */
export function rewrapKeyStatement(db: D1Database, kid: string, was: string, rewrapped: string): D1PreparedStatement {
  return db.prepare('UPDATE signing_keys SET wrapped_private = ? WHERE kid = ? AND wrapped_private = ?').bind(rewrapped, kid, was);
}
