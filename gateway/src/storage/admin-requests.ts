import { parseJson } from './rows.js';

export const ADMIN_REQUEST_KINDS = ['client.activate', 'client.rekey', 'purpose.update'] as const;
export type AdminRequestKind = (typeof ADMIN_REQUEST_KINDS)[number];

/** A widening administrative change waiting for a second privacy officer. */
export interface AdminRequest {
  readonly id: string;
  readonly kind: AdminRequestKind;
  readonly targetId: string;
  /** The proposed change, with `etag`: the target's etag it was based on. */
  readonly payload: Readonly<Record<string, unknown>> & { readonly etag: string };
  readonly requestedBy: string;
  readonly requestedAt: number;
  readonly reason: string;
  readonly status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
}

interface Raw {
  id: string;
  kind: AdminRequestKind;
  target_id: string;
  payload: string;
  requested_by: string;
  requested_at: number;
  reason: string;
  status: AdminRequest['status'];
  decided_by: string | null;
  decided_at: number | null;
}

const toRequest = (r: Raw): AdminRequest => ({
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

export async function getAdminRequest(db: D1Database, id: string): Promise<AdminRequest | null> {
  const row = await db.prepare('SELECT * FROM admin_requests WHERE id = ?').bind(id).first<Raw>();
  return row === null ? null : toRequest(row);
}

/** Requests, newest first; only pending ones by default. */
export async function listAdminRequests(db: D1Database, opts: { status?: AdminRequest['status'] | 'all'; targetId?: string } = {}): Promise<AdminRequest[]> {
  const status = opts.status ?? 'pending';
  const { results } = await db
    .prepare('SELECT * FROM admin_requests WHERE (?1 = \'all\' OR status = ?1) AND (?2 IS NULL OR target_id = ?2) ORDER BY requested_at DESC, id')
    .bind(status, opts.targetId ?? null)
    .all<Raw>();
  return results.map(toRequest);
}

/** Statement opening a request; fails (unique index) when one of the same kind is already open for the target. */
export function insertAdminRequest(db: D1Database, r: AdminRequest): D1PreparedStatement {
  return db
    .prepare('INSERT INTO admin_requests (id, kind, target_id, payload, requested_by, requested_at, reason, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(r.id, r.kind, r.targetId, JSON.stringify(r.payload), r.requestedBy, r.requestedAt, r.reason, r.status, r.decidedBy, r.decidedAt);
}

/** Statement closing a pending request. */
export function closeAdminRequest(db: D1Database, id: string, status: AdminRequest['status'], by: string, at: number): D1PreparedStatement {
  return db.prepare("UPDATE admin_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'").bind(status, by, at, id);
}
