import { decideGrantChange, type Grant, type GrantOperation } from '@need2know/policy';
import type { GatewayEnv } from '../../platform/env.js';
import { Problem } from '../../platform/errors/problem.js';
import { newId, randomToken } from '../../platform/lib/random.js';
import { commitChange } from '../../store/d1/admin-events.js';
import { closeRequest, getGrant, insertRequest, openRequestFor, requestsFor, updateGrantState } from '../../store/d1/grants.js';
import { shredGrantKeys } from '../delivery/shred.js';
import type { GrantWithRequests } from './read-grants.js';

const STATUS_OF_REFUSAL = { invalid_transition: 409, conflict: 409, two_person_rule: 403, validation_failed: 400 } as const;

/**
 * Runs one privacy-officer operation on a grant — extend, shorten, suspend, resume, revoke, approve or
 * reject a waiting change: decided by the pure state machine (`decideGrantChange`, which asks the
 * two-person rule), then the grant change, the request it opens or closes, and the admin event are
 * committed all or nothing.
 */
export async function runGrantOperation(
  db: D1Database,
  grantId: string,
  operation: GrantOperation,
  actor: string,
  reason: string,
  now: number,
): Promise<Grant> {
  const grant = await getGrant(db, grantId);
  if (grant === null) throw new Problem(404, 'not_found');
  const open = await openRequestFor(db, grantId);
  const decision = decideGrantChange(grant, open, operation, actor, now);
  if (decision.kind === 'refuse') throw new Problem(STATUS_OF_REFUSAL[decision.code], decision.code, decision.reason);

  // Every operation, even one that only opens a request, moves the etag: changes to one grant are
  // serialised, and a decision taken on a stale read cannot commit.
  const next: Grant = {
    ...grant,
    ...(decision.kind === 'apply' ? { status: decision.status, notAfter: decision.notAfter } : {}),
    version: grant.version + 1,
    etag: randomToken(),
    updatedAt: now,
  };
  const statements = [updateGrantState(db, next, grant.etag)];
  const detail: Record<string, unknown> = { operation: operation.op, reason, status: next.status, not_after: next.notAfter };
  if (decision.kind === 'request') {
    const requestId = newId('req');
    statements.push(
      insertRequest(db, {
        id: requestId,
        grantId,
        action: decision.action,
        newNotAfter: decision.newNotAfter,
        requestedBy: actor,
        requestedAt: now,
        reason,
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
      }),
    );
    detail.request = requestId;
    detail.awaiting_approval = true;
  } else if (decision.closes !== undefined) {
    statements.push(closeRequest(db, decision.closes.id, decision.closes.status, actor, now));
    detail.request = decision.closes.id;
    detail.request_status = decision.closes.status;
  }
  const outcome = await commitChange(
    db,
    statements,
    { at: now, actor, action: `grant.${operation.op}`, targetType: 'grant', targetId: grantId, detail },
    { table: 'grants', id: grantId, etag: next.etag },
  );
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The grant changed meanwhile; read it again.');
  return next;
}

/**
 * Changes grant `id` as {@link runGrantOperation} does and returns it with its requests. A revocation
 * ends the disclosure window cryptographically at once: the grant's viewer keys are destroyed
 * (`shredGrantKeys`); should that fail, the scheduled job retries.
 */
export async function changeGrant(
  env: GatewayEnv,
  grantId: string,
  operation: GrantOperation,
  actor: string,
  reason: string,
  now: number,
): Promise<GrantWithRequests> {
  const grant = await runGrantOperation(env.DB, grantId, operation, actor, reason, now);
  if (grant.status === 'revoked')
    await shredGrantKeys(env, grantId, now, actor).catch((err: unknown) => console.error('shredding viewer keys failed; housekeeping will retry', err));
  return { grant, requests: await requestsFor(env.DB, grantId) };
}
