import { decideGrantChange, type Grant, type GrantOperation } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { newId, randomToken } from '../../platform/lib/random.js';
import type { AdminChange, AdminStores, Stores } from '../../store/ports/index.js';
import { shredGrantKeys } from './shred-keys.js';
import type { GrantWithRequests } from './read-grants.js';

const STATUS_OF_REFUSAL = { invalid_transition: 409, conflict: 409, two_person_rule: 403, validation_failed: 400, row_scope_beyond_purpose: 403 } as const;

/**
 * Runs one privacy-officer operation on a grant — extend, shorten, suspend, resume, revoke, approve or
 * reject a waiting change: decided by the pure state machine (`decideGrantChange`, which asks the
 * two-person rule), then the grant change, the request it opens or closes, and the admin event are
 * committed all or nothing.
 */
export async function runGrantOperation(
  stores: Pick<AdminStores, 'grants' | 'changes' | 'purposes'>,
  grantId: string,
  operation: GrantOperation,
  actor: string,
  reason: string,
  now: number,
): Promise<Grant> {
  const grant = await stores.grants.getGrant(grantId);
  if (grant === null) throw new Problem(404, 'not_found');
  const open = await stores.grants.openRequestFor(grantId);
  // A row scope is held to the purpose's as it is now: when asked, and again when approved.
  const ceiling = operation.op === 'scope' || operation.op === 'approve' ? ((await stores.purposes.getPurpose(grant.purposeId))?.rowScope ?? null) : null;
  const asked: GrantOperation = operation.op === 'scope' || operation.op === 'approve' ? { ...operation, purposeScope: ceiling } : operation;
  const decision = decideGrantChange(grant, open, asked, actor, now);
  if (decision.kind === 'refuse') throw new Problem(STATUS_OF_REFUSAL[decision.code], decision.code, decision.reason);

  // Every operation, even one that only opens a request, moves the etag: changes to one grant are
  // serialised, and a decision taken on a stale read cannot commit.
  const next: Grant = {
    ...grant,
    ...(decision.kind === 'apply'
      ? { status: decision.status, notAfter: decision.notAfter, ...(decision.rowScope === undefined ? {} : { rowScope: decision.rowScope }) }
      : {}),
    version: grant.version + 1,
    etag: randomToken(),
    updatedAt: now,
  };
  const changes: AdminChange[] = [{ op: 'grant.state', grant: next, expectedEtag: grant.etag }];
  const detail: Record<string, unknown> = { operation: operation.op, reason, status: next.status, not_after: next.notAfter };
  if (operation.op === 'scope') detail.row_scope = operation.rowScope;
  if (decision.kind === 'apply' && decision.rowScope !== undefined) detail.row_scope_now = decision.rowScope;
  if (decision.kind === 'request') {
    const requestId = newId('req');
    changes.push({
      op: 'grant_request.insert',
      request: {
        id: requestId,
        grantId,
        action: decision.action,
        newNotAfter: decision.newNotAfter,
        ...(decision.newRowScope === undefined ? {} : { newRowScope: decision.newRowScope }),
        requestedBy: actor,
        requestedAt: now,
        reason,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
      },
    });
    detail.request = requestId;
    detail.awaiting_approval = true;
  } else if (decision.closes !== undefined) {
    changes.push({ op: 'grant_request.close', closing: { id: decision.closes.id, status: decision.closes.status, by: actor, at: now } });
    detail.request = decision.closes.id;
    detail.request_status = decision.closes.status;
  }
  const outcome = await stores.changes.commit(changes, { at: now, actor, action: `grant.${operation.op}`, targetType: 'grant', targetId: grantId, detail });
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The grant changed meanwhile; read it again.');
  return next;
}

/**
 * Changes grant `id` as {@link runGrantOperation} does and returns it with its requests. A revocation
 * ends the disclosure window cryptographically at once: the grant's viewer keys are destroyed
 * (`shredGrantKeys`, in the grant's key vault); should that fail, the scheduled job retries.
 */
export async function changeGrant(
  stores: Pick<Stores, 'grants' | 'purposes' | 'changes' | 'grantKeys'>,
  grantId: string,
  operation: GrantOperation,
  actor: string,
  reason: string,
  now: number,
): Promise<GrantWithRequests> {
  const grant = await runGrantOperation(stores, grantId, operation, actor, reason, now);
  if (grant.status === 'revoked')
    await shredGrantKeys(stores, grantId, now, actor).catch((err: unknown) => console.error('shredding viewer keys failed; housekeeping will retry', err));
  return { grant, requests: await stores.grants.requestsFor(grantId) };
}
