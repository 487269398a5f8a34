/**
 * The admin API as the console calls it: one function per call, typed with the types generated
 * from the gateway's OpenAPI document (`generated/api-types.ts`; see `api-call.ts`), never with
 * copies. The console decides nothing the API does not: it shows what comes back and sends what
 * the officer chose.
 */
import { type Answer, type Body, call, json, type Query, type Schema, send } from './api-call.js';
import type { OfficerSession } from './session.js';

export { ApiError, type Problem } from './api-call.js';

export type Agency = Schema<'Agency'>;
export type Purpose = Schema<'Purpose'>;
export type Grant = Schema<'Grant'>;
export type GrantRequest = Schema<'GrantRequest'>;
export type GrantStatus = Grant['status'];
export type AdminRequest = Schema<'AdminRequest'>;
export type Client = Schema<'Client'>;
export type Officer = Schema<'Officer'>;
export type RecordType = Schema<'RecordType'>;
export type RecordTypeField = Schema<'RecordTypeField'>;
/** How one field leaves the gateway under a purpose. */
export type Mode = Schema<'PurposeRules'>[string][string];
export type DailyReport = Schema<'DailyDisclosureReport'>;
export type SubjectAccessReport = Schema<'SubjectAccessReport'>;
/** A table's public tier, which an officer's preview follows (GET /v1/admin/stats/tables). */
export type StatsPublicSetting = Schema<'StatsPublicSetting'>;
/** A release in `shape=series`: one stack per category, one bar per period, for one place; null is withheld. */
export type StatsSeriesRelease = Schema<'StatsSeries'>;
/**
 * How a release is protected, as the gateway's statistics routes describe it. The OpenAPI document
 * leaves `protection` an open object (`StatsSeries.protection`), so this one shape is written here
 * and checked at run time (`protectionOf`) instead of trusted.
 */
export type StatsProtection =
  | { method: 'suppression'; threshold: number; withheld: number; primary: number; secondary: number }
  | { method: 'dp'; epsilon: string; bound: number; noise_scale: string };

/** The release's protection when it has one of the two documented shapes, else null. */
export function protectionOf(release: StatsSeriesRelease): StatsProtection | null {
  const p = release.protection;
  if (p.method === 'suppression' && ['threshold', 'withheld', 'primary', 'secondary'].every((k) => typeof p[k] === 'number')) return p as StatsProtection;
  if (p.method === 'dp' && typeof p.epsilon === 'string' && typeof p.noise_scale === 'string') return p as StatsProtection;
  return null;
}
/** Parameters of a statistics preview (the gateway checks them against the table). */
export type StatsPreviewQuery = Pick<Query<'/v1/admin/stats/tables/{table}/preview', 'get'>, 'level' | 'period' | 'year' | 'province'>;
/** Filters and paging of the disclosure log. */
export type DisclosureLogQuery = Query<'/v1/admin/disclosures', 'get'>;
export type DisclosureLogRow = Schema<'DisclosureLogRow'>;
export type ClientCreate = Body<'/v1/admin/clients', 'post'>;
export type GrantCreate = Body<'/v1/admin/grants', 'post'>;
export type PurposeCreate = Body<'/v1/admin/purposes', 'post'>;
export type PurposeUpdate = Body<'/v1/admin/purposes/{id}', 'put'>;
/** An approval; one of an officer's registration or new device carries their enrolment code, once. */
export type AdminRequestApproved = Answer<'/v1/admin/requests/{id}/approve', 'post'>;
export type OriginalAudit = Schema<'OriginalAudit'>;

const A = '/v1/admin';

/** The calls, bound to one signed-in officer. */
export function adminApi(session: OfficerSession) {
  return {
    agencies: () => call(session, 'get', `${A}/agencies`).then((r) => r.agencies),
    createAgency: (body: Body<'/v1/admin/agencies', 'post'>) => call(session, 'post', `${A}/agencies`, { body }),
    clients: () => call(session, 'get', `${A}/clients`).then((r) => r.clients),
    client: (id: string) => call(session, 'get', `${A}/clients/{id}`, { params: { id } }),
    /** A new client waits, suspended, for a second officer (`pending_requests`). */
    createClient: (body: ClientCreate) => call(session, 'post', `${A}/clients`, { body }),
    /** Suspending applies at once; re-activation and new keys wait for a second officer. */
    changeClient: (id: string, body: Body<'/v1/admin/clients/{id}', 'patch'>) => call(session, 'patch', `${A}/clients/{id}`, { params: { id }, body }),
    officers: () => call(session, 'get', `${A}/officers`).then((r) => r.officers),
    /** The approving officer, not this one, receives the enrolment code. */
    createOfficer: (body: Body<'/v1/admin/officers', 'post'>) => call(session, 'post', `${A}/officers`, { body }),
    newEnrolmentCode: (id: string, reason: string) => call(session, 'post', `${A}/officers/{id}/enrolment-code`, { params: { id }, body: { reason } }),
    recordTypes: () => call(session, 'get', `${A}/record-types`).then((r) => r.record_types),
    purposes: () => call(session, 'get', `${A}/purposes`).then((r) => r.purposes),
    /** A purpose and the ETag to send back when changing it. */
    purpose: async (id: string) => {
      const response = await send(session, 'get', `${A}/purposes/{id}`, { params: { id } });
      const purpose = await json<Answer<'/v1/admin/purposes/{id}', 'get'>>(response);
      return { purpose, etag: response.headers.get('etag') };
    },
    createPurpose: (body: PurposeCreate) => call(session, 'post', `${A}/purposes`, { body }),
    /** 200 with the purpose when it narrows; 202 with the pending request when it widens. */
    updatePurpose: (id: string, body: PurposeUpdate, etag: string | null) =>
      call(session, 'put', `${A}/purposes/{id}`, { params: { id }, body, headers: etag === null ? {} : { 'if-match': etag } }),
    grants: () => call(session, 'get', `${A}/grants`).then((r) => r.grants),
    createGrant: (body: GrantCreate) => call(session, 'post', `${A}/grants`, { body }),
    grantOperation: (id: string, op: 'extend' | 'shorten' | 'suspend' | 'resume' | 'revoke', body: { reason: string; not_after?: string }) =>
      op === 'extend' || op === 'shorten'
        ? call(session, 'post', `${A}/grants/{id}/${op}`, { params: { id }, body: { reason: body.reason, not_after: body.not_after ?? '' } })
        : call(session, 'post', `${A}/grants/{id}/${op}`, { params: { id }, body: { reason: body.reason } }),
    /** A narrower row scope applies at once; a wider one waits for a second officer (the gateway decides). */
    grantScope: (id: string, rowScope: Schema<'RowScope'>, reason: string) =>
      call(session, 'post', `${A}/grants/{id}/scope`, { params: { id }, body: { row_scope: rowScope, reason } }),
    decideGrantRequest: (grantId: string, requestId: string, decision: 'approve' | 'reject', reason: string) =>
      call(session, 'post', `${A}/grants/{id}/requests/{request_id}/${decision}`, { params: { id: grantId, request_id: requestId }, body: { reason } }),
    /** A leadership officer's approval of what a grant asks of leadership (unblurred media, sensitive cases). */
    leadershipApprove: (grantId: string, reason: string) =>
      call(session, 'post', `${A}/grants/{id}/leadership-approve`, { params: { id: grantId }, body: { reason } }),
    grantRequests: () => call(session, 'get', `${A}/grant-requests`).then((r) => r.requests),
    adminRequests: () => call(session, 'get', `${A}/requests`, { query: { status: 'pending' } }).then((r) => r.requests),
    /** Approving an officer's registration or new device returns their enrolment code, once. */
    decideAdminRequest: (id: string, decision: 'approve' | 'reject', reason: string): Promise<Partial<AdminRequestApproved> & AdminRequest> =>
      call(session, 'post', `${A}/requests/{id}/${decision}`, { params: { id }, body: { reason } }),
    dailyReport: (days: number, timeZone: string) => call(session, 'get', `${A}/reports/daily-disclosures`, { query: { days, time_zone: timeZone } }),
    /** The national ID goes in the body of a POST, never in the URL. */
    subjectAccess: (nationalId: string, reason: string) => call(session, 'post', `${A}/reports/subject-access`, { body: { national_id: nationalId, reason } }),
    statsTables: () => call(session, 'get', `${A}/stats/tables`).then((r) => r.tables),
    /** What the table's public tier would publish, as a chart series; logged as this officer's preview. */
    statsPreviewSeries: async (table: 'crime' | 'discipline' | 'health', query: StatsPreviewQuery) => {
      const release = await call(session, 'get', `${A}/stats/tables/{table}/preview`, { params: { table }, query: { ...query, shape: 'series' } });
      if (!('series' in release)) throw new TypeError('the gateway answered a preview in series shape with cells');
      return release;
    },
    /** A photo's redaction, for audit (never its original); the reference goes in the body, and the gateway records the audit. */
    redactionAudit: (body: Body<'/v1/admin/media/redaction', 'post'>) => call(session, 'post', `${A}/media/redaction`, { body }),
    /** Requests to compare a photo with its original: the open ones (awaiting leadership, in force or lapsed). */
    originalAudits: () => call(session, 'get', `${A}/media/original-audits`, { query: { status: 'open' } }).then((r) => r.requests),
    /** Asks to compare one photo with its original; two leadership officers must approve. */
    requestOriginalAudit: (body: Body<'/v1/admin/media/original-audits', 'post'>) => call(session, 'post', `${A}/media/original-audits`, { body }),
    /** Ends a request to compare a photo with its original: withdrawn by its requester (rejected or revoked by another officer). */
    closeOriginalAudit: (id: string, reason: string) => call(session, 'post', `${A}/media/original-audits/{id}/close`, { params: { id }, body: { reason } }),
    approveOriginalAudit: (id: string, reason: string) =>
      call(session, 'post', `${A}/media/original-audits/{id}/leadership-approve`, { params: { id }, body: { reason } }),
    auditKey: () => call(session, 'get', '/v1/audit/key'),
    auditCheckpoint: async () => {
      const response = await send(session, 'get', '/v1/audit/checkpoint');
      if (!response.ok) await json(response);
      return response.text();
    },
    auditConsistency: (from: number, to: number) => call(session, 'get', '/v1/audit/proofs/consistency', { query: { from, to } }),
    /** An entry of the audit log and its inclusion proof in the tree of `size` entries. */
    auditInclusion: (index: number, size: number) => call(session, 'get', '/v1/audit/proofs/inclusion', { query: { index, size } }),
    /** Who saw what: a page of the disclosure log (rows name no person). */
    disclosures: (query: DisclosureLogQuery) => call(session, 'get', `${A}/disclosures`, { query }),
    auditExport: (from: number, to: number) => call(session, 'get', '/v1/audit/export', { query: { from, to } }),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
