import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import { decideApproval, decideRejection } from '@need2know/policy';
import { pendingRequest, requestAlreadyOpen } from '../approvals/pending-request.js';
import type { PublicSetting, TableAccess } from '@need2know/policy';
import type { AdminChange, StatsGrant, StatsRequest, StatsRequestKind, Stores, StoredPublicSetting } from '../../store/ports/index.js';

/** A setting as proposed (no identity or concurrency fields). */
export type ProposedSetting = Omit<PublicSetting, 'table'>;

const settingJson = (s: ProposedSetting) => ({
  enabled: s.enabled,
  threshold: s.threshold,
  methods: [...s.methods],
  max_epsilon_micro: s.maxEpsilonMicro,
  budget_micro: s.budgetMicro,
});
/** Table access as a request's payload holds it (snake case, like the API). */
const accessToJson = (a: TableAccess) => ({ threshold: a.threshold, methods: [...a.methods], max_epsilon_micro: a.maxEpsilonMicro });

const settingFromJson = (j: Record<string, unknown>): ProposedSetting => ({
  enabled: j.enabled === true,
  threshold: Number(j.threshold),
  methods: j.methods as PublicSetting['methods'],
  maxEpsilonMicro: Number(j.max_epsilon_micro),
  budgetMicro: Number(j.budget_micro),
});

/** Opens a request for a change that widens statistical access; 409 when one is already open for the target. */
export async function openStatsRequest(
  stores: Pick<Stores, 'changes'>,
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
  const outcome = await stores.changes.commit([{ op: 'stats_request.insert', request }], {
    at: now,
    actor,
    action: `stats.${kind}.request`,
    targetType,
    targetId,
    detail,
  });
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
  stores: Pick<Stores, 'changes'>,
  current: StoredPublicSetting,
  proposed: ProposedSetting,
  actor: string,
  reason: string,
  now: number,
): Promise<StoredPublicSetting> {
  const next: StoredPublicSetting = { ...current, ...proposed, etag: randomToken(), updatedBy: actor, updatedAt: now };
  const outcome = await stores.changes.commit([{ op: 'stats_public.update', setting: next, expectedEtag: current.etag }], {
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
export async function approveStatsRequest(
  stores: Pick<Stores, 'changes'>,
  request: StatsRequest,
  approver: string,
  reason: string,
  now: number,
): Promise<void> {
  const approval = decideApproval(request, approver);
  if (approval.kind === 'refuse') throw new Problem(approval.code === 'conflict' ? 409 : 403, approval.code, approval.reason);
  const close: AdminChange = { op: 'stats_request.close', closing: { id: request.id, status: 'approved', by: approver, at: now } };
  const event = {
    at: now,
    actor: approver,
    action: `stats.${request.kind}.approve`,
    targetId: request.targetId,
    detail: { request: request.id, requested_by: request.requestedBy, reason },
  };
  let changes: AdminChange[];
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
    changes = [{ op: 'stats_grant.insert', grant }, close];
    targetType = 'stats_grant';
  } else {
    const proposed = settingFromJson(request.payload.setting as Record<string, unknown>);
    const etag = randomToken();
    const next: StoredPublicSetting = { table: request.targetId, ...proposed, etag, updatedBy: approver, updatedAt: now };
    changes = [{ op: 'stats_public.update', setting: next, expectedEtag: String(request.payload.etag) }, close];
    targetType = 'stats_public';
  }
  const outcome = await stores.changes.commit(changes, { ...event, targetType });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The target changed since this request was made, or it was decided meanwhile; reject it and ask again.');
}

/** Rejects (or, by its requester, withdraws) a request. */
export async function rejectStatsRequest(stores: Pick<Stores, 'changes'>, request: StatsRequest, actor: string, reason: string, now: number): Promise<void> {
  const decision = decideRejection(request, actor);
  if (decision.kind === 'refuse') throw new Problem(409, decision.code, decision.reason);
  const { status } = decision;
  const outcome = await stores.changes.commit([{ op: 'stats_request.close', closing: { id: request.id, status, by: actor, at: now } }], {
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
export async function revokeStatsGrant(stores: Pick<Stores, 'changes'>, grant: StatsGrant, actor: string, reason: string, now: number): Promise<void> {
  if (grant.status === 'revoked') throw new Problem(409, 'invalid_transition', 'The grant is already revoked.');
  const revoked: StatsGrant = { ...grant, status: 'revoked', etag: randomToken(), updatedAt: now };
  const outcome = await stores.changes.commit([{ op: 'stats_grant.status', grant: revoked, expectedEtag: grant.etag }], {
    at: now,
    actor,
    action: 'stats.grant.revoke',
    targetType: 'stats_grant',
    targetId: grant.id,
    detail: { reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The grant changed meanwhile; read it again.');
}
