import { encodeBase64url } from '@need2know/crypto';
import { DurableObject } from 'cloudflare:workers';
import type { GrantKeyVaultPort, ViewerKey } from '../../ports/objects.js';

export type { ViewerKey } from '../../ports/objects.js';

/**
 * Holds the viewer keys of one grant, one per epoch, and destroys each at its time (crypto-
 * shredding): once gone, payloads sealed under it can no longer be opened by a viewer. Keys are
 * created on first use, never exported except to the gateway, and deleted — not flagged — when due.
 */
export class GrantKeyVault extends DurableObject implements GrantKeyVaultPort {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS keys (epoch INTEGER PRIMARY KEY, key TEXT NOT NULL, destroy_at INTEGER NOT NULL)');
      this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
    });
  }

  /**
   * The key of `epoch`, created if the grant was never shredded and `now` is before `destroyAt`.
   * Returns null once the epoch's key was destroyed, or the whole vault shredded.
   */
  async keyFor(epoch: number, destroyAt: number, now: number): Promise<ViewerKey | null> {
    const sql = this.ctx.storage.sql;
    this.sweepSync(now);
    if (sql.exec('SELECT 1 FROM state WHERE name = ?', 'shredded').toArray().length > 0) return null;
    const row = sql.exec<{ key: string; destroy_at: number }>('SELECT key, destroy_at FROM keys WHERE epoch = ?', epoch).toArray()[0];
    if (row !== undefined) return { epoch, key: row.key, destroyAt: row.destroy_at };
    if (now >= destroyAt) return null;
    // An epoch whose key was created and destroyed before stays destroyed.
    const destroyedUpTo = sql.exec<{ value: number }>('SELECT value FROM state WHERE name = ?', 'destroyed_up_to').toArray()[0]?.value ?? -1;
    if (epoch <= destroyedUpTo) return null;
    const key = encodeBase64url(crypto.getRandomValues(new Uint8Array(32)));
    sql.exec('INSERT INTO keys (epoch, key, destroy_at) VALUES (?, ?, ?)', epoch, key, destroyAt);
    await this.scheduleAlarm();
    return { epoch, key, destroyAt };
  }

  /** An existing key of `epoch` (never creates one); null when destroyed or never made. */
  async existingKey(epoch: number, now: number): Promise<ViewerKey | null> {
    this.sweepSync(now);
    const row = this.ctx.storage.sql.exec<{ key: string; destroy_at: number }>('SELECT key, destroy_at FROM keys WHERE epoch = ?', epoch).toArray()[0];
    return row === undefined ? null : { epoch, key: row.key, destroyAt: row.destroy_at };
  }

  /** Destroys every key whose time has come; returns how many. Safe to call any number of times. */
  async sweep(now: number): Promise<number> {
    return this.sweepSync(now);
  }

  /** Destroys every key of the grant and refuses to make new ones (window ended or grant revoked). */
  async shred(): Promise<number> {
    const n = this.ctx.storage.sql.exec<{ n: number }>('SELECT count(*) AS n FROM keys').one().n;
    this.ctx.storage.sql.exec('DELETE FROM keys');
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO state (name, value) VALUES ('shredded', 1)");
    await this.ctx.storage.deleteAlarm();
    return n;
  }

  /** Keys currently held (for tests and the audit of shredding). */
  async heldEpochs(): Promise<number[]> {
    return this.ctx.storage.sql
      .exec<{ epoch: number }>('SELECT epoch FROM keys ORDER BY epoch')
      .toArray()
      .map((r) => r.epoch);
  }

  override async alarm(): Promise<void> {
    this.sweepSync(Math.floor(Date.now() / 1000));
    await this.scheduleAlarm();
  }

  private sweepSync(now: number): number {
    const sql = this.ctx.storage.sql;
    const due = sql.exec<{ epoch: number }>('SELECT epoch FROM keys WHERE destroy_at <= ?', now).toArray();
    if (due.length === 0) return 0;
    const highest = Math.max(...due.map((d) => d.epoch));
    sql.exec('DELETE FROM keys WHERE destroy_at <= ?', now);
    sql.exec("INSERT INTO state (name, value) VALUES ('destroyed_up_to', ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)", highest);
    return due.length;
  }

  private async scheduleAlarm(): Promise<void> {
    const next = this.ctx.storage.sql.exec<{ at: number | null }>('SELECT min(destroy_at) AS at FROM keys').one().at;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next * 1000);
  }
}
