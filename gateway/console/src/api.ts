/**
 * The admin API as the console calls it: one function per call, typed with the shapes the
 * gateway's OpenAPI document declares. The console decides nothing the API does not: it shows
 * what comes back and sends what the officer chose.
 */
import type { OfficerSession } from './session.js';

export type Mode = 'clear' | 'masked' | 'generalised' | 'pseudonym' | 'predicate' | 'none';
export type GrantStatus = 'pending' | 'active' | 'suspended' | 'revoked' | 'expired';

export interface Agency { id: string; name: string; name_km: string | null }
export interface Purpose {
  id: string;
  title: string;
  legal_basis: string;
  description: string;
  rules: Record<string, Record<string, Mode>>;
  actions: ('fetch' | 'search' | 'check')[];
  agencies: string[];
  max_token_lifetime: number;
  requests_per_minute: number;
  persons_per_hour: number;
  notification_delay_days: number;
  allow_unblurred_media: boolean;
  status: 'active' | 'retired';
  version: number;
}
export interface GrantRequest { id: string; grant_id: string; action: 'activate' | 'extend' | 'resume'; new_not_after: string | null; requested_by: string; requested_at: string; reason: string; status: string }
export interface Grant {
  id: string;
  purpose_id: string;
  agency_id: string;
  not_before: string;
  not_after: string;
  data_life_seconds: number;
  status: GrantStatus;
  live: boolean;
  note: string;
  created_by: string;
  requests: GrantRequest[];
}
export interface AdminRequest { id: string; kind: 'client.activate' | 'client.rekey' | 'purpose.update' | 'officer.create' | 'officer.rekey'; target_id: string; payload: Record<string, unknown>; requested_by: string; requested_at: string; reason: string }
export interface RecordTypeField { name: string; kind: string; description: string; modes: Mode[]; when_absent: Mode; generalise: string | null; derived: boolean }
export interface RecordType { name: string; title: string; fields: RecordTypeField[] }
export interface DailyReport { time_zone: string; days: { day: string }[]; series: { agency: string; purpose: string; disclosed: number[]; refused: number[]; rate_limited: number[]; totals: { disclosed: number; refused: number; rate_limited: number } }[] }
export interface SubjectAccessReport { checkpoint: string; withheld_for_now: number; disclosures: { at: string; agency: string; purpose: string; grant: string; action: string; record_type: string; fields: Record<string, string>; log_index: number; log_entry: Record<string, unknown>; inclusion_proof: string[] }[] }
/** A table's public tier, which an officer's preview follows (GET /v1/admin/stats/tables). */
export interface StatsPublicSetting { table: string; enabled: boolean; threshold: number; methods: string[]; max_epsilon: string; budget: string; spent: string }
/** How a release is protected, as the gateway describes it (suppression: threshold and withheld counts; dp: ε and noise). */
export type StatsProtection = { method: 'suppression'; threshold: number; withheld: number; primary: number; secondary: number } | { method: 'dp'; epsilon: string; bound: number; noise_scale: string };
/** A release in `shape=series`: one stack per category, one bar per period, for one place; null is withheld. */
export interface StatsSeriesRelease {
  release: string;
  table: string;
  title: string;
  generated_at: string;
  parameters: Record<string, string | number | null>;
  protection: StatsProtection;
  series: { place: string | null; group: string; periods: string[]; groups: { code: string; counts: (number | null)[] }[]; totals: (number | null)[] };
}
/** Parameters of a statistics preview (the gateway checks them against the table); the threshold is the public tier's, never the request's. */
export interface StatsPreviewQuery { level?: 'province' | 'district' | 'commune'; period?: 'year' | 'semester' | 'quarter' | 'month'; year?: number; province?: string }
export interface Problem { status: number; code: string; title?: string; detail?: string; issues?: { path: string; code: string; message: string }[] }

/** A refusal from the gateway, with its problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`gateway refused (${problem.status} ${problem.code})`);
    this.name = 'ApiError';
  }
}

async function json<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let body: Partial<Problem> & { error?: string } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON
  }
  throw new ApiError({ ...body, status: response.status, code: body.code ?? body.error ?? 'unknown' });
}

/** The calls, bound to one signed-in officer. */
export function adminApi(session: OfficerSession) {
  const get = async <T>(path: string) => json<T>(await session.fetch(path));
  const send = async <T>(method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    json<T>(await session.fetch(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }));
  const A = '/v1/admin';
  return {
    agencies: () => get<{ agencies: Agency[] }>(`${A}/agencies`).then((r) => r.agencies),
    recordTypes: () => get<{ record_types: RecordType[] }>(`${A}/record-types`).then((r) => r.record_types),
    purposes: () => get<{ purposes: Purpose[] }>(`${A}/purposes`).then((r) => r.purposes),
    /** A purpose and the ETag to send back when changing it. */
    purpose: async (id: string) => {
      const response = await session.fetch(`${A}/purposes/${encodeURIComponent(id)}`);
      const purpose = await json<Purpose>(response);
      return { purpose, etag: response.headers.get('etag') };
    },
    createPurpose: (body: Record<string, unknown>) => send<Purpose>('POST', `${A}/purposes`, body),
    /** 200 with the purpose when it narrows; 202 with the pending request when it widens. */
    updatePurpose: (id: string, body: Record<string, unknown>, etag: string | null) =>
      send<Purpose | { pending_request: string; widenings: string[] }>('PUT', `${A}/purposes/${encodeURIComponent(id)}`, body, etag === null ? {} : { 'if-match': etag }),
    grants: () => get<{ grants: Grant[] }>(`${A}/grants`).then((r) => r.grants),
    createGrant: (body: { purpose_id: string; agency_id: string; not_before: string; not_after: string; data_life_seconds: number; note: string }) => send<Grant>('POST', `${A}/grants`, body),
    grantOperation: (id: string, op: 'extend' | 'shorten' | 'suspend' | 'resume' | 'revoke', body: { reason: string; not_after?: string }) => send<Grant>('POST', `${A}/grants/${encodeURIComponent(id)}/${op}`, body),
    decideGrantRequest: (grantId: string, requestId: string, decision: 'approve' | 'reject', reason: string) =>
      send<Grant>('POST', `${A}/grants/${encodeURIComponent(grantId)}/requests/${encodeURIComponent(requestId)}/${decision}`, { reason }),
    grantRequests: () => get<{ requests: GrantRequest[] }>(`${A}/grant-requests`).then((r) => r.requests),
    adminRequests: () => get<{ requests: AdminRequest[] }>(`${A}/requests?status=pending`).then((r) => r.requests),
    /** Approving an officer's registration or new device returns their enrolment code, once. */
    decideAdminRequest: (id: string, decision: 'approve' | 'reject', reason: string) => send<AdminRequest & { enrolment_code?: string; code_expires_at?: string }>('POST', `${A}/requests/${encodeURIComponent(id)}/${decision}`, { reason }),
    dailyReport: (days: number, timeZone: string) => get<DailyReport>(`${A}/reports/daily-disclosures?days=${days}&time_zone=${encodeURIComponent(timeZone)}`),
    /** The national ID goes in the body of a POST, never in the URL. */
    subjectAccess: (nationalId: string, reason: string) => send<SubjectAccessReport>('POST', `${A}/reports/subject-access`, { national_id: nationalId, reason }),
    statsTables: () => get<{ tables: StatsPublicSetting[] }>(`${A}/stats/tables`).then((r) => r.tables),
    /** What the table's public tier would publish, as a chart series; logged as this officer's preview. */
    statsPreviewSeries: (table: string, query: StatsPreviewQuery) => {
      const params = new URLSearchParams({ shape: 'series' });
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      return get<StatsSeriesRelease>(`${A}/stats/tables/${encodeURIComponent(table)}/preview?${params.toString()}`);
    },
    auditKey: () => get<{ origin: string; vkey: string }>('/v1/audit/key'),
    auditCheckpoint: async () => {
      const response = await session.fetch('/v1/audit/checkpoint');
      if (!response.ok) await json(response);
      return response.text();
    },
    auditConsistency: (from: number, to: number) => get<{ proof: string[] }>(`/v1/audit/proofs/consistency?from=${from}&to=${to}`),
    auditExport: (from: number, to: number) => get<Record<string, unknown>>(`/v1/audit/export?from=${from}&to=${to}`),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
