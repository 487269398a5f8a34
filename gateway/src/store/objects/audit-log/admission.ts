/**
 * Anti-bulk-scraping limits, counted inside a Durable Object's SQLite storage: requests per minute
 * (sliding window of one-second buckets) and distinct persons disclosed per hour, for several
 * budgets at once — a grant's total and the share of one client (an officer or a system) under it.
 * Every function here is synchronous, so a caller that runs it without an `await` in between makes
 * the whole check-and-count atomic in its object.
 */

import type { Admission, AdmissionRequest } from '../../ports/objects.js';

export type { Admission, AdmissionRequest, Budget, LimitName } from '../../ports/objects.js';

const MINUTE = 60;
const HOUR = 3600;

/** Tables the limits live in (created by the owning object at start). */
export const ADMISSION_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS rate_requests (scope TEXT NOT NULL, second INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (scope, second)) WITHOUT ROWID',
  'CREATE INDEX IF NOT EXISTS rate_requests_second ON rate_requests (second)',
  'CREATE TABLE IF NOT EXISTS rate_subjects (scope TEXT NOT NULL, subject TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (scope, subject)) WITHOUT ROWID',
  'CREATE INDEX IF NOT EXISTS rate_subjects_at ON rate_subjects (at)',
] as const;

/** The refusal that makes the caller wait longest (so a retry after it is not refused again by another). */
function longest(refusals: readonly Extract<Admission, { ok: false }>[]): Admission {
  return refusals.reduce<Admission>((worst, r) => (worst.ok || r.retryAfter > worst.retryAfter ? r : worst), { ok: true });
}

/**
 * Counts one request and the persons it discloses against every budget, or refuses:
 * - when any budget's requests of the last minute already reached its limit, nothing is counted;
 * - otherwise the request is counted everywhere, and when the distinct persons of the last hour
 *   would pass any budget's limit, the persons are not recorded (a refused request still costs a
 *   request, so probing is not free).
 * A person already counted in a budget within the hour is not counted again there.
 */
export function admit(sql: SqlStorage, request: AdmissionRequest): Admission {
  const { now, budgets } = request;
  sql.exec('DELETE FROM rate_requests WHERE second <= ?', now - MINUTE);
  sql.exec('DELETE FROM rate_subjects WHERE at <= ?', now - HOUR);

  const busy: Extract<Admission, { ok: false }>[] = [];
  for (const b of budgets) {
    const row = sql
      .exec<{ n: number | null; oldest: number | null }>('SELECT sum(n) AS n, min(second) AS oldest FROM rate_requests WHERE scope = ?', b.scope)
      .one();
    if ((row.n ?? 0) >= b.requestsPerMinute) busy.push({ ok: false, limit: b.requestLimit, retryAfter: Math.max(1, (row.oldest ?? now) + MINUTE - now) });
  }
  if (busy.length > 0) return longest(busy);
  for (const b of budgets) {
    sql.exec('INSERT INTO rate_requests (scope, second, n) VALUES (?, ?, 1) ON CONFLICT (scope, second) DO UPDATE SET n = n + 1', b.scope, now);
  }

  const subjects = [...new Set(request.subjects)];
  if (subjects.length === 0) return { ok: true };
  const fresh = budgets.map((b) =>
    subjects.filter((s) => sql.exec('SELECT 1 FROM rate_subjects WHERE scope = ? AND subject = ?', b.scope, s).toArray().length === 0),
  );
  const crowded: Extract<Admission, { ok: false }>[] = [];
  budgets.forEach((b, i) => {
    const row = sql.exec<{ n: number; oldest: number | null }>('SELECT count(*) AS n, min(at) AS oldest FROM rate_subjects WHERE scope = ?', b.scope).one();
    if (row.n + (fresh[i]?.length ?? 0) > b.personsPerHour)
      crowded.push({ ok: false, limit: b.personLimit, retryAfter: Math.max(1, (row.oldest ?? now) + HOUR - now) });
  });
  if (crowded.length > 0) return longest(crowded);
  budgets.forEach((b, i) => {
    for (const s of fresh[i] ?? []) sql.exec('INSERT INTO rate_subjects (scope, subject, at) VALUES (?, ?, ?)', b.scope, s, now);
  });
  return { ok: true };
}
