import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import { decideApproval, decideRejection } from '@need2know/policy';
import { commitChange } from '../../store/d1/admin-events.js';
import { pendingRequest, requestAlreadyOpen } from '../approvals/pending-request.js';
import type { PublicSetting } from '@need2know/policy';
import { accessToJson, insertStatsGrant, statsGrantIsNow, updateStatsGrantStatus, type StatsGrant } from '../../store/d1/stats/grants.js';
import { publicSettingIsNow, updatePublicSetting, type StoredPublicSetting } from '../../store/d1/stats/public-settings.js';
import { closeStatsRequest, insertStatsRequest, statsRequestClosedBy, type StatsRequest, type StatsRequestKind } from '../../store/d1/stats/requests.js';

/** A setting as proposed (no identity or concurrency fields). */
export type ProposedSetting = Omit<PublicSetting, 'table'>;

const settingJson = (s: ProposedSetting) => ({
  enabled: s.enabled,
  threshold: s.threshold,
  methods: [...s.methods],
  max_epsilon_micro: s.maxEpsilonMicro,
  budget_micro: s.budgetMicro,
});
const settingFromJson = (j: Record<string, unknown>): ProposedSetting => ({
  enabled: j.enabled === true,
  threshold: Number(j.threshold),
  methods: j.methods as PublicSetting['methods'],
  maxEpsilonMicro: Number(j.max_epsilon_micro),
  budgetMicro: Number(j.budget_micro),
});

/** Opens a request for a change that widens statistical access; 409 when one is already open for the target. */
export async function openStatsRequest(
  db: D1Database,
  kind: StatsRequestKind,
  targetId: string,
  payload: Record<string, unknown>,
  actor: string,
  reason: string,
  now: number,
): Promise<string> {
  const { request, detail } = pendingRequest(
    { idPrefix: 'sreq', kind, targetId, payload, actor, reason, now },
    kind === 'public.update' ? payload.widenings : undefined,
  );
  const targetType = kind === 'grant.create' ? 'stats_grant' : 'stats_public';
  const outcome = await commitChange(db, [insertStatsRequest(db, request)], { at: now, actor, action: `stats.${kind}.request`, targetType, targetId, detail });
  if (!outcome.ok) throw requestAlreadyOpen();
  return request.id;
}

/** A new grant's request payload. */
export function grantPayload(g: Omit<StatsGrant, 'status' | 'etag' | 'approvedBy' | 'createdAt' | 'updatedAt'>): Record<string, unknown> {
  return {
    grant: {
      id: g.id,
      agency_id: g.agencyId,
      purpose: g.purpose,
      legal_basis: g.legalBasis,
      tables: Object.fromEntries(Object.entries(g.tables).map(([t, a]) => [t, accessToJson(a)])),
      epsilon_budget_micro: g.epsilonBudgetMicro,
      not_before: g.notBefore,
      not_after: g.notAfter,
      requested_by: g.requestedBy,
    },
  };
}

/** The payload of a public-tier change. */
export function publicPayload(current: StoredPublicSetting, proposed: ProposedSetting, widenings: readonly string[]): Record<string, unknown> {
  return { etag: current.etag, setting: settingJson(proposed), widenings: [...widenings] };
}

/** Applies a change to a public tier that only narrows it (no second officer needed). */
export async function applyPublicSetting(
  db: D1Database,
  current: StoredPublicSetting,
  proposed: ProposedSetting,
  actor: string,
  reason: string,
  now: number,
): Promise<StoredPublicSetting> {
  const next: StoredPublicSetting = { ...current, ...proposed, etag: randomToken(), updatedBy: actor, updatedAt: now };
  const outcome = await commitChange(db, [updatePublicSetting(db, next, current.etag), ...publicSettingIsNow(db, next.table, next.etag)], {
    at: now,
    actor,
    action: 'stats.public.update',
    targetType: 'stats_public',
    targetId: next.table,
    detail: { ...settingJson(proposed), reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The setting changed meanwhile; read it again.');
  return next;
}

/**
 * Approves and applies a request by a second officer: a new grant becomes active, or the public tier
 * takes the proposed setting if it has not changed since it was asked for. All or nothing.
 */
export async function approveStatsRequest(db: D1Database, request: StatsRequest, approver: string, reason: string, now: number): Promise<void> {
  const approval = decideApproval(request, approver);
  if (approval.kind === 'refuse') throw new Problem(approval.code === 'conflict' ? 409 : 403, approval.code, approval.reason);
  const close = [closeStatsRequest(db, request.id, 'approved', approver, now), ...statsRequestClosedBy(db, request.id, 'approved', approver)];
  const event = {
    at: now,
    actor: approver,
    action: `stats.${request.kind}.approve`,
    targetId: request.targetId,
    detail: { request: request.id, requested_by: request.requestedBy, reason },
  };
  let statements: D1PreparedStatement[];
  let targetType: string;
  if (request.kind === 'grant.create') {
    const g = request.payload.grant as Record<string, unknown>;
    const tables = g.tables as Record<string, { threshold: number; methods: StatsGrant['tables'][string]['methods']; max_epsilon_micro: number }>;
    const grant: StatsGrant = {
      id: String(g.id),
      agencyId: String(g.agency_id),
      purpose: String(g.purpose),
      legalBasis: String(g.legal_basis),
      tables: Object.fromEntries(
        Object.entries(tables).map(([t, a]) => [t, { threshold: a.threshold, methods: a.methods, maxEpsilonMicro: a.max_epsilon_micro }]),
      ),
      epsilonBudgetMicro: Number(g.epsilon_budget_micro),
      notBefore: Number(g.not_before),
      notAfter: Number(g.not_after),
      status: 'active',
      etag: randomToken(),
      requestedBy: request.requestedBy,
      approvedBy: approver,
      createdAt: now,
      updatedAt: now,
    };
    statements = [insertStatsGrant(db, grant), ...close];
    targetType = 'stats_grant';
  } else {
    const proposed = settingFromJson(request.payload.setting as Record<string, unknown>);
    const etag = randomToken();
    const next: StoredPublicSetting = { table: request.targetId, ...proposed, etag, updatedBy: approver, updatedAt: now };
    statements = [updatePublicSetting(db, next, String(request.payload.etag)), ...publicSettingIsNow(db, next.table, etag), ...close];
    targetType = 'stats_public';
  }
  const outcome = await commitChange(db, statements, { ...event, targetType });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The target changed since this request was made, or it was decided meanwhile; reject it and ask again.');
}

/** Rejects (or, by its requester, withdraws) a request. */
export async function rejectStatsRequest(db: D1Database, request: StatsRequest, actor: string, reason: string, now: number): Promise<void> {
  const decision = decideRejection(request, actor);
  if (decision.kind === 'refuse') throw new Problem(409, decision.code, decision.reason);
  const { status } = decision;
  const outcome = await commitChange(db, [closeStatsRequest(db, request.id, status, actor, now), ...statsRequestClosedBy(db, request.id, status, actor)], {
    at: now,
    actor,
    action: `stats.${request.kind}.${status === 'withdrawn' ? 'withdraw' : 'reject'}`,
    targetType: request.kind === 'grant.create' ? 'stats_grant' : 'stats_public',
    targetId: request.targetId,
    detail: { request: request.id, reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'This request is no longer open.');
}

/** Revokes a grant at once (narrowing: one officer suffices). */
export async function revokeStatsGrant(db: D1Database, grant: StatsGrant, actor: string, reason: string, now: number): Promise<void> {
  if (grant.status === 'revoked') throw new Problem(409, 'invalid_transition', 'The grant is already revoked.');
  const etag = randomToken();
  const outcome = await commitChange(db, [updateStatsGrantStatus(db, grant.id, 'revoked', grant.etag, etag, now), ...statsGrantIsNow(db, grant.id, etag)], {
    at: now,
    actor,
    action: 'stats.grant.revoke',
    targetType: 'stats_grant',
    targetId: grant.id,
    detail: { reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The grant changed meanwhile; read it again.');
}
