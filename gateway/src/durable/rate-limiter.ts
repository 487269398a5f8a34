import { DurableObject } from 'cloudflare:workers';

/** Outcome of an admission check. */
export type Admission = { readonly ok: true } | { readonly ok: false; readonly limit: 'requests_per_minute' | 'persons_per_hour'; readonly retryAfter: number };

const MINUTE = 60;
const HOUR = 3600;

/**
 * Anti-bulk-scraping limits for one scope (a grant, or an officer under a grant): requests per
 * minute (sliding window) and distinct persons disclosed per hour. One object per scope serialises
 * its checks, so concurrent requests cannot both slip under a limit.
 */
export class RateLimiter extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS requests (at INTEGER NOT NULL)');
      this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS subjects (subject TEXT PRIMARY KEY, at INTEGER NOT NULL)');
    });
  }

  /** Counts one request at `now` unless `perMinute` were already made in the last minute. */
  async admitRequest(now: number, perMinute: number): Promise<Admission> {
    const sql = this.ctx.storage.sql;
    sql.exec('DELETE FROM requests WHERE at <= ?', now - MINUTE);
    const row = sql.exec<{ n: number; oldest: number | null }>('SELECT count(*) AS n, min(at) AS oldest FROM requests').one();
    if (row.n >= perMinute) return { ok: false, limit: 'requests_per_minute', retryAfter: Math.max(1, (row.oldest ?? now) + MINUTE - now) };
    sql.exec('INSERT INTO requests (at) VALUES (?)', now);
    return { ok: true };
  }

  /**
   * Counts one request and the persons it discloses, in one atomic step: refused (and only the
   * request counted) when either limit would be passed.
   */
  async admit(now: number, perMinute: number, subjects: readonly string[], perHour: number): Promise<Admission> {
    const request = await this.admitRequest(now, perMinute);
    if (!request.ok || subjects.length === 0) return request;
    return this.admitSubjects(now, subjects, perHour);
  }

  /**
   * Records that `subjects` (keyed hashes of person ids) are disclosed at `now`, unless that would
   * take the distinct persons of the last hour above `perHour` — then nothing is recorded.
   */
  async admitSubjects(now: number, subjects: readonly string[], perHour: number): Promise<Admission> {
    const sql = this.ctx.storage.sql;
    sql.exec('DELETE FROM subjects WHERE at <= ?', now - HOUR);
    const fresh = [...new Set(subjects)].filter((s) => sql.exec('SELECT 1 FROM subjects WHERE subject = ?', s).toArray().length === 0);
    const row = sql.exec<{ n: number; oldest: number | null }>('SELECT count(*) AS n, min(at) AS oldest FROM subjects').one();
    if (row.n + fresh.length > perHour) return { ok: false, limit: 'persons_per_hour', retryAfter: Math.max(1, (row.oldest ?? now) + HOUR - now) };
    for (const s of fresh) sql.exec('INSERT INTO subjects (subject, at) VALUES (?, ?)', s, now);
    return { ok: true };
  }
}
