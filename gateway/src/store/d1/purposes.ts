import type { Purpose, PurposeRules, RecordAction } from '@need2know/policy';
import { parseJson } from './rows.js';

interface Raw {
  id: string;
  title: string;
  /** The title in Khmer; NULL: none yet (migration 0027). */
  title_km?: string | null;
  legal_basis: string;
  description: string;
  rules: string;
  actions: string;
  agencies: string;
  max_token_lifetime: number;
  requests_per_minute: number;
  persons_per_hour: number;
  officer_requests_per_minute: number;
  officer_persons_per_hour: number;
  notification_delay_days: number;
  allow_unblurred_media: number;
  /** JSON of the ceiling of its grants' row scopes; NULL: every record (migration 0020). */
  row_scope?: string | null;
  /** JSON of the fields the viewer lets officers copy, by record type; NULL: none (migration 0021). */
  copyable?: string | null;
  /** 1: record requests must carry a reference and a reason (migration 0023). */
  reason_required?: number;
  status: 'active' | 'retired';
  version: number;
  etag: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

const toPurpose = (r: Raw): Purpose => ({
  id: r.id,
  title: r.title,
  titleKm: r.title_km ?? null,
  legalBasis: r.legal_basis,
  description: r.description,
  rules: parseJson<PurposeRules>(r.rules),
  actions: parseJson<RecordAction[]>(r.actions),
  agencies: parseJson<string[]>(r.agencies),
  maxTokenLifetime: r.max_token_lifetime,
  requestsPerMinute: r.requests_per_minute,
  personsPerHour: r.persons_per_hour,
  officerRequestsPerMinute: r.officer_requests_per_minute,
  officerPersonsPerHour: r.officer_persons_per_hour,
  notificationDelayDays: r.notification_delay_days,
  allowUnblurredMedia: r.allow_unblurred_media === 1,
  rowScope: r.row_scope == null ? null : parseJson(r.row_scope),
  copyable: r.copyable == null ? null : parseJson<Record<string, string[]>>(r.copyable),
  reasonRequired: r.reason_required === 1,
  status: r.status,
  version: r.version,
  etag: r.etag,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Statement selecting purpose `id` (for batching with other per-request reads); map with {@link purposeFromRow}. */
export function selectPurpose(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare('SELECT * FROM purposes WHERE id = ?').bind(id);
}

/** Maps a row of `purposes` read through {@link selectPurpose}. */
export function purposeFromRow(row: Record<string, unknown>): Purpose {
  return toPurpose(row as unknown as Raw);
}

export async function getPurpose(db: D1Database, id: string): Promise<Purpose | null> {
  const row = await db.prepare('SELECT * FROM purposes WHERE id = ?').bind(id).first<Raw>();
  return row === null ? null : toPurpose(row);
}

export async function listPurposes(db: D1Database): Promise<Purpose[]> {
  const { results } = await db.prepare('SELECT * FROM purposes ORDER BY id').all<Raw>();
  return results.map(toPurpose);
}

/** The copyable fields as stored: JSON, or NULL when none is marked. */
const copyableJson = (p: Purpose): string | null => (p.copyable == null || Object.keys(p.copyable).length === 0 ? null : JSON.stringify(p.copyable));

/** A purpose's terms as stored, column by column, in one order for inserting and replacing them. */
function termColumns(p: Purpose): ReadonlyArray<readonly [string, string | number | null]> {
  return [
    ['title', p.title],
    ['title_km', p.titleKm ?? null],
    ['legal_basis', p.legalBasis],
    ['description', p.description],
    ['rules', JSON.stringify(p.rules)],
    ['actions', JSON.stringify(p.actions)],
    ['agencies', JSON.stringify(p.agencies)],
    ['max_token_lifetime', p.maxTokenLifetime],
    ['requests_per_minute', p.requestsPerMinute],
    ['persons_per_hour', p.personsPerHour],
    ['officer_requests_per_minute', p.officerRequestsPerMinute],
    ['officer_persons_per_hour', p.officerPersonsPerHour],
    ['notification_delay_days', p.notificationDelayDays],
    ['allow_unblurred_media', p.allowUnblurredMedia ? 1 : 0],
    ['row_scope', p.rowScope == null ? null : JSON.stringify(p.rowScope)],
    ['copyable', copyableJson(p)],
    ['reason_required', p.reasonRequired === true ? 1 : 0],
    ['status', p.status],
    ['version', p.version],
    ['etag', p.etag],
    ['updated_at', p.updatedAt],
  ];
}

/** Statement inserting `p`; fails on a duplicate id. */
export function insertPurpose(db: D1Database, p: Purpose): D1PreparedStatement {
  const columns: ReadonlyArray<readonly [string, string | number | null]> = [
    ['id', p.id],
    ...termColumns(p),
    ['created_by', p.createdBy],
    ['created_at', p.createdAt],
  ];
  return db
    .prepare(`INSERT INTO purposes (${columns.map(([name]) => name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .bind(...columns.map(([, value]) => value));
}

/** Statement replacing a purpose's editable parts, only if its etag is still `expectedEtag`. */
export function updatePurpose(db: D1Database, p: Purpose, expectedEtag: string): D1PreparedStatement {
  const columns = termColumns(p);
  return db
    .prepare(`UPDATE purposes SET ${columns.map(([name]) => `${name} = ?`).join(', ')} WHERE id = ? AND etag = ?`)
    .bind(...columns.map(([, value]) => value), p.id, expectedEtag);
}
