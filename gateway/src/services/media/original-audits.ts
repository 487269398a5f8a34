/**
 * Requests to audit a photo's original beside its redaction: a privacy officer asks with a reason,
 * two leadership officers (neither of them the requester) approve, any privacy officer may end it.
 * The policy decides each step (`packages/policy/src/original-audit.ts`, with the one leadership rule
 * of `leadership-approvals.ts`); this carries its decision out and records every step as an
 * administrative event in the same commit. The original itself is opened by `audit-redaction.ts`.
 */
import {
  decideOriginalAuditApproval,
  decideOriginalAuditClose,
  holdsRole,
  mayRequestOriginalAudit,
  originalAuditState,
  type OriginalAuditRequest,
} from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { newId } from '../../platform/lib/random.js';
import type { Stores } from '../../store/ports/index.js';
import { isStorableRef } from './ingest-media.js';

/** The administrative actions these steps are recorded under. */
export const ORIGINAL_AUDIT_ACTIONS = {
  request: 'media.original_audit.request',
  approve: 'media.original_audit.leadership_approve',
  close: 'media.original_audit.close',
} as const;

/** Most requests one listing returns (the console's approvals list shows the open ones). */
export const ORIGINAL_AUDITS_LISTED = 200;

/** What these steps read and record. */
export type OriginalAuditStores = Pick<Stores, 'media' | 'registry' | 'originalAudits' | 'changes'>;

const STATUS_OF_REFUSAL = { invalid_transition: 409, conflict: 409, two_person_rule: 403 } as const;

async function read(stores: Pick<Stores, 'originalAudits'>, id: string): Promise<OriginalAuditRequest> {
  const request = await stores.originalAudits.getOriginalAudit(id);
  if (request === null) throw new Problem(404, 'not_found');
  return request;
}

/**
 * Opens `actor`'s request to audit `owner`'s photo `ref` beside its original, for `reason`. 404
 * `not_found` for no such photo or another owner's (the same answer); 409 `conflict` while a request
 * of theirs for the photo still awaits leadership or is in force.
 */
export async function requestOriginalAudit(
  stores: OriginalAuditStores,
  req: { readonly actor: string; readonly owner: string; readonly ref: string; readonly reason: string; readonly now: number },
): Promise<OriginalAuditRequest> {
  if (!isStorableRef(req.ref)) throw new Problem(404, 'not_found');
  const item = await stores.media.item(req.ref);
  if (item === null || item.owner !== req.owner) throw new Problem(404, 'not_found');
  if (!mayRequestOriginalAudit(await stores.originalAudits.originalAuditsFor(item.owner, item.ref, req.actor), req.now))
    throw new Problem(409, 'conflict', 'Your request to audit this original is still open: end it first, or wait for leadership.');
  const request = {
    id: newId('oreq'),
    owner: item.owner,
    ref: item.ref,
    requestedBy: req.actor,
    requestedAt: req.now,
    reason: req.reason,
    status: 'open' as const,
    approvals: [],
    closedBy: null,
    closedAt: null,
  };
  const outcome = await stores.changes.commit([{ op: 'original_audit.insert', request }], {
    at: req.now,
    actor: req.actor,
    action: ORIGINAL_AUDIT_ACTIONS.request,
    targetType: 'original_audit',
    targetId: request.id,
    detail: { owner: item.owner, field: item.field, reason: req.reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict');
  return read(stores, request.id);
}

/**
 * Records `actor`'s leadership approval of request `id`, as `decideOriginalAuditApproval` allows:
 * 403 `forbidden` for an officer without the leadership role, 403 `two_person_rule` for the
 * requester, 409 for a second approval by the same officer or a request ended or lapsed.
 */
export async function approveOriginalAudit(stores: OriginalAuditStores, id: string, actor: string, reason: string, now: number): Promise<OriginalAuditRequest> {
  const officer = await stores.registry.getClient(actor);
  if (officer === null || !holdsRole(officer, 'leadership'))
    throw new Problem(403, 'forbidden', 'Only officers with the leadership role approve an audit of an original.');
  const request = await read(stores, id);
  const decision = decideOriginalAuditApproval(request, actor, now);
  if (decision.kind === 'refuse') throw new Problem(STATUS_OF_REFUSAL[decision.code], decision.code, decision.reason);
  const outcome = await stores.changes.commit(
    [{ op: 'original_audit.approve', id, approval: { by: actor, at: now }, expectedApprovals: request.approvals.length }],
    {
      at: now,
      actor,
      action: ORIGINAL_AUDIT_ACTIONS.approve,
      targetType: 'original_audit',
      targetId: id,
      detail: { reason, requested_by: request.requestedBy, approvals: request.approvals.length + 1 },
    },
  );
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The request changed meanwhile; read it again.');
  return read(stores, id);
}

/** Ends request `id` as `decideOriginalAuditClose` says (withdrawn, rejected or revoked); 409 once it is ended or lapsed. */
export async function closeOriginalAudit(stores: OriginalAuditStores, id: string, actor: string, reason: string, now: number): Promise<OriginalAuditRequest> {
  const request = await read(stores, id);
  const decision = decideOriginalAuditClose(request, actor, now);
  if (decision.kind === 'refuse') throw new Problem(409, decision.code, decision.reason);
  const outcome = await stores.changes.commit([{ op: 'original_audit.close', id, status: decision.status, by: actor, at: now }], {
    at: now,
    actor,
    action: ORIGINAL_AUDIT_ACTIONS.close,
    targetType: 'original_audit',
    targetId: id,
    detail: { reason, status: decision.status, was: originalAuditState(request, now).state },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The request changed meanwhile; read it again.');
  return read(stores, id);
}

/** Requests to audit originals, newest first: the open ones (awaiting, in force or lapsed), or all. */
export function listOriginalAudits(stores: Pick<Stores, 'originalAudits'>, status: 'open' | 'all'): Promise<OriginalAuditRequest[]> {
  return stores.originalAudits.listOriginalAudits({ status, limit: ORIGINAL_AUDITS_LISTED });
}

/** A request read by id (404 when there is none). */
export const readOriginalAudit = (stores: Pick<Stores, 'originalAudits'>, id: string) => read(stores, id);
