import { parseJson } from '../../storage/rows.js';

export const STATS_REQUEST_KINDS = ['grant.create', 'public.update'] as const;
export type StatsRequestKind = (typeof STATS_REQUEST_KINDS)[number];

/** A change that widens statistical access, waiting for a second privacy officer (table `stats_requests`). */
export interface StatsRequest {
  readonly id: string;
  readonly kind: StatsRequestKind;
  readonly targetId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly reason: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
}

interface Raw {
  id: string;
  kind: StatsRequestKind;
  target_id: string;
  payload: string;
  requested_by: string;
  requested_at: number;
  reason: string;
  status: StatsRequest['status'];
  decided_by: string | null;
  decided_at: number | null;
}

const toRequest = (r: Raw): StatsRequest => ({
  id: r.id,
  kind: r.kind,
  targetId: r.target_id,
  payload: parseJson(r.payload),
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  reason: r.reason,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

export async function getStatsRequest(db: D1Database, id: string): Promise<StatsRequest | null> {
  const row = await db.prepare('SELECT * FROM stats_requests WHERE id = ?').bind(id).first<Raw>();
  return row === null ? null : toRequest(row);
}

/** Requests, newest first; pending ones unless `status` says otherwise. */
export async function listStatsRequests(db: D1Database, status: StatsRequest['status'] | 'all' = 'pending'): Promise<StatsRequest[]> {
  const { results } = await db.prepare("SELECT * FROM stats_requests WHERE (?1 = 'all' OR status = ?1) ORDER BY requested_at DESC, id").bind(status).all<Raw>();
  return results.map(toRequest);
}

/** Statement opening a request; fails (unique index) when one of the same kind is open for the target. */
export function insertStatsRequest(db: D1Database, r: StatsRequest): D1PreparedStatement {
  return db
    .prepare('INSERT INTO stats_requests (id, kind, target_id, payload, requested_by, requested_at, reason, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(r.id, r.kind, r.targetId, JSON.stringify(r.payload), r.requestedBy, r.requestedAt, r.reason, r.status, r.decidedBy, r.decidedAt);
}

/** Statement closing a pending request. */
export function closeStatsRequest(db: D1Database, id: string, status: StatsRequest['status'], by: string, at: number): D1PreparedStatement {
  return db.prepare("UPDATE stats_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'").bind(status, by, at, id);
}
