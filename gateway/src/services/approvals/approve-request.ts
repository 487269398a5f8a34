import { decideApproval, officerStatusAfter, type Purpose } from '@need2know/policy';
import type { JSONWebKeySet, JWK } from 'jose';
import { Problem } from '../../platform/errors/problem.js';
import { randomToken } from '../../platform/lib/random.js';
import type { AdminChange, AdminRequest, AdminStores, ChangeOutcome } from '../../store/ports/index.js';
import { freshEnrolmentCode } from '../officers/issue-code.js';
import { readRegistryRequest } from './list-requests.js';

/** What an approval gives back: the request as closed and, for an officer's registration or new device, the enrolment code (shown once, to the approver). */
export interface ApprovalOutcome {
  readonly request: AdminRequest;
  readonly enrolmentCode: { readonly code: string; readonly expiresAt: number } | null;
}

/**
 * Approves registry request `id` as `approver` and applies it, if the two-person rule allows
 * (`decideApproval`: an open request, another officer than its requester). The change is guarded by
 * the etag it was based on: if the target changed since, nothing is applied and the request stays
 * open (reject it and ask again). Approving an officer's registration activates the officer and makes
 * their enrolment code; approving a new device makes the code. The code exists from that moment only,
 * and is returned to the approver alone (only its hash is stored): the officer who asked never holds
 * a working code.
 */
export async function approveRegistryRequest(
  stores: Pick<AdminStores, 'approvals' | 'registry' | 'purposes' | 'changes'>,
  id: string,
  approver: string,
  reason: string,
  now: number,
): Promise<ApprovalOutcome> {
  const request = await readRegistryRequest(stores, id);
  const decision = decideApproval(request, approver);
  if (decision.kind === 'refuse') throw new Problem(decision.code === 'conflict' ? 409 : 403, decision.code, decision.reason);
  const close: AdminChange = { op: 'admin_request.close', closing: { id: request.id, status: 'approved', by: approver, at: now } };
  const etag = randomToken();
  const event = {
    at: now,
    actor: approver,
    action: `${request.kind}.approve`,
    targetId: request.targetId,
    detail: { request: request.id, requested_by: request.requestedBy, reason },
  };
  let outcome: ChangeOutcome;
  let enrolmentCode: ApprovalOutcome['enrolmentCode'] = null;
  if (request.kind === 'purpose.update') {
    const current = await stores.purposes.getPurpose(request.targetId);
    if (current === null) throw new Problem(404, 'not_found');
    const next: Purpose = { ...current, ...(request.payload.purpose as Partial<Purpose>), version: current.version + 1, etag, updatedAt: now };
    outcome = await stores.changes.commit([{ op: 'purpose.update', purpose: next, expectedEtag: request.payload.etag }, close], {
      ...event,
      targetType: 'purpose',
      detail: { ...event.detail, version: next.version, rules: next.rules },
    });
  } else if (request.kind === 'officer.create' || request.kind === 'officer.rekey') {
    const current = await stores.registry.getClient(request.targetId);
    if (current === null || current.kind !== 'officer') throw new Problem(404, 'not_found');
    // A registration makes the officer active; a new device leaves the status as it is (a
    // suspended officer stays suspended until a re-activation is approved).
    const status = officerStatusAfter(current.status, request.kind === 'officer.create' ? 'registration_approved' : 'new_device_approved');
    const next = { ...current, status, etag, updatedAt: now };
    const fresh = await freshEnrolmentCode(current.id, approver, now);
    outcome = await stores.changes.commit([{ op: 'client.update', client: next, expectedEtag: request.payload.etag }, fresh.change, close], {
      ...event,
      targetType: 'client',
      detail: { ...event.detail, code_expires_at: fresh.expiresAt },
    });
    enrolmentCode = { code: fresh.code, expiresAt: fresh.expiresAt };
  } else {
    const current = await stores.registry.getClient(request.targetId);
    if (current === null) throw new Problem(404, 'not_found');
    const next =
      request.kind === 'client.activate'
        ? { ...current, status: 'active' as const, etag, updatedAt: now }
        : {
            ...current,
            signingJwks: request.payload.signing_jwks as JSONWebKeySet,
            encryptionJwk: (request.payload.encryption_jwk ?? null) as JWK | null,
            etag,
            updatedAt: now,
          };
    outcome = await stores.changes.commit([{ op: 'client.update', client: next, expectedEtag: request.payload.etag }, close], {
      ...event,
      targetType: 'client',
    });
  }
  if (!outcome.ok) throw new Problem(409, 'conflict', 'The target changed since this request was made; reject it and ask again.');
  return { request: await readRegistryRequest(stores, id), enrolmentCode };
}
