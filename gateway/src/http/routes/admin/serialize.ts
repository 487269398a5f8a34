import { approvalsInForce, grantIsLive, type Grant, type GrantRequest, type Purpose, type RowScope } from '@need2know/policy';
import type { ApprovalRequest } from '../../../services/approvals/list-requests.js';
import type { SigningKeyRow } from '../../../services/keys/rotate-signing-key-now.js';
import { rowScopeWords } from '../../../services/grants/row-scope-words.js';
import type { AdminEvent } from '../../../services/oversight/admin-events.js';
import type { Agency } from '../../../services/registry/agencies.js';
import type { Client } from '../../../services/registry/read-clients.js';

/** Unix seconds as an RFC 3339 UTC date-time. */
export const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const isoOrNull = (seconds: number | null): string | null => (seconds === null ? null : iso(seconds));

export const agencyOut = (a: Agency) => ({ id: a.id, name: a.name, name_km: a.nameKm, created_at: iso(a.createdAt) });

export const clientOut = (c: Client) => ({
  id: c.id,
  kind: c.kind,
  agency_id: c.agencyId,
  name: c.name,
  signing_jwks: { keys: c.signingJwks.keys as unknown as Record<string, unknown>[] },
  encryption_jwk: c.encryptionJwk as Record<string, unknown> | null,
  ingest_types: [...c.ingestTypes],
  roles: [...c.roles],
  status: c.status,
  created_at: iso(c.createdAt),
  updated_at: iso(c.updatedAt),
});

export const purposeOut = (p: Purpose) => ({
  id: p.id,
  title: p.title,
  title_km: p.titleKm ?? null,
  legal_basis: p.legalBasis,
  description: p.description,
  rules: p.rules as Record<string, Record<string, Purpose['rules'][string][string]>>,
  actions: [...p.actions],
  agencies: [...p.agencies],
  max_token_lifetime: p.maxTokenLifetime,
  requests_per_minute: p.requestsPerMinute,
  persons_per_hour: p.personsPerHour,
  officer_requests_per_minute: p.officerRequestsPerMinute,
  officer_persons_per_hour: p.officerPersonsPerHour,
  notification_delay_days: p.notificationDelayDays,
  allow_unblurred_media: p.allowUnblurredMedia,
  row_scope: scopeOut(p.rowScope),
  row_scope_words: rowScopeWords(p.rowScope ?? null),
  copyable: p.copyable == null ? null : Object.fromEntries(Object.entries(p.copyable).map(([t, f]) => [t, [...f]])),
  reason_required: p.reasonRequired === true,
  status: p.status,
  version: p.version,
  created_by: p.createdBy,
  created_at: iso(p.createdAt),
  updated_at: iso(p.updatedAt),
});

/** A row scope as the API shows it (null: every record). */
export const scopeOut = (s: RowScope | null | undefined) =>
  s == null ? null : { places: s.places === null ? null : [...s.places], from: s.from, until: s.until, links: [...s.links] };

export const requestOut = (r: GrantRequest) => ({
  id: r.id,
  grant_id: r.grantId,
  action: r.action,
  new_not_after: isoOrNull(r.newNotAfter),
  ...(r.action === 'scope' ? { new_row_scope: scopeOut(r.newRowScope) } : {}),
  requested_by: r.requestedBy,
  requested_at: iso(r.requestedAt),
  reason: r.reason,
  status: r.status,
  decided_by: r.decidedBy,
  decided_at: isoOrNull(r.decidedAt),
});

export const grantOut = (g: Grant, requests: readonly GrantRequest[], now: number) => ({
  id: g.id,
  purpose_id: g.purposeId,
  agency_id: g.agencyId,
  not_before: iso(g.notBefore),
  not_after: iso(g.notAfter),
  data_life_seconds: g.dataLife,
  record_ids: g.recordIds === null ? null : [...g.recordIds],
  row_scope: scopeOut(g.rowScope),
  row_scope_words: rowScopeWords(g.rowScope ?? null),
  unblurred_media: g.mediaUnblurred,
  sensitive_cases: g.sensitiveCases,
  leadership_approvals: [...g.leadershipApprovals],
  leadership_approvals_in_force: approvalsInForce(g.leadershipApprovals, g.leadershipApprovers),
  status: g.status,
  live: grantIsLive(g, now),
  note: g.note,
  version: g.version,
  created_by: g.createdBy,
  created_at: iso(g.createdAt),
  updated_at: iso(g.updatedAt),
  requests: requests.map(requestOut),
});

export const eventOut = (e: AdminEvent) => ({
  seq: e.seq,
  at: iso(e.at),
  actor: e.actor,
  action: e.action,
  target_type: e.targetType,
  target_id: e.targetId,
  detail: { ...e.detail },
  prev_hash: e.prevHash,
  hash: e.hash,
});

export const keyOut = (k: SigningKeyRow) => ({
  kid: k.kid,
  alg: k.alg,
  status: k.status,
  created_at: iso(k.createdAt),
  retired_at: isoOrNull(k.retiredAt),
  publish_until: isoOrNull(k.publishUntil),
});

/** A change waiting for a second privacy officer, as every admin route shows it. */
export const approvalRequestOut = <Kind extends string>(r: ApprovalRequest<Kind>) => ({
  id: r.id,
  kind: r.kind,
  target_id: r.targetId,
  payload: { ...r.payload },
  requested_by: r.requestedBy,
  requested_at: iso(r.requestedAt),
  reason: r.reason,
  status: r.status,
  decided_by: r.decidedBy,
  decided_at: r.decidedAt === null ? null : iso(r.decidedAt),
});
