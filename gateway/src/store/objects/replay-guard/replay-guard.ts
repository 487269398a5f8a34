import { DurableObject } from 'cloudflare:workers';

import type { Nonce } from '../../ports/objects.js';

export type { Nonce } from '../../ports/objects.js';

/** How often spent nonces are purged (ms). */
const PURGE_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Remembers spent single-use values (client-assertion `jti`s, DPoP proof `jti`s) so that a replay is
 * refused (RFC 7523 §3 item 7, RFC 9449 §11.1). One object per client or per DPoP key: requests of
 * one sender are serialised here, which is exactly the order a replay check needs.
 */
export class ReplayGuard extends DurableObject {
  /** Whether this instance has seen the purge alarm set (it stays set while anything is remembered). */
  #purgeScheduled = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS spent (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)');
    });
  }

  /**
   * Spends every nonce in `nonces`, or none of them: returns the first key that was spent before and
   * has not yet expired (recording nothing), or null when all were fresh and are now spent. The
   * check-and-record runs without an `await`, so it is atomic in the object.
   */
  async consume(nonces: readonly Nonce[], now: number): Promise<string | null> {
    const sql = this.ctx.storage.sql;
    const seen = new Set<string>();
    for (const n of nonces) {
      const row = sql.exec<{ expires_at: number }>('SELECT expires_at FROM spent WHERE key = ?', n.key).toArray()[0];
      if ((row !== undefined && row.expires_at >= now) || seen.has(n.key)) return n.key;
      seen.add(n.key);
    }
    for (const n of nonces) {
      sql.exec('INSERT OR REPLACE INTO spent (key, expires_at) VALUES (?, ?)', n.key, n.expiresAt);
    }
    // Once this instance knows a purge is scheduled it does not ask again (one storage read fewer per request).
    if (!this.#purgeScheduled && (await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + PURGE_INTERVAL_MS);
    this.#purgeScheduled = true;
    return null;
  }

  /** Number of remembered nonces (for tests and monitoring). */
  async size(): Promise<number> {
    return this.ctx.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM spent').one().n;
  }

  override async alarm(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    this.ctx.storage.sql.exec('DELETE FROM spent WHERE expires_at < ?', now);
    const left = this.ctx.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM spent').one().n;
    this.#purgeScheduled = left > 0;
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + PURGE_INTERVAL_MS);
  }
}
