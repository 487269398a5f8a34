import { beyondPurposeScope, isNarrowing } from './row-scope-change.js';
import type { RowScope } from './row-scope.js';
import { decideApproval, decideRejection } from './two-person-rule.js';
import type { Grant, GrantRequest, GrantRequestAction, GrantStatus } from './types.js';

/**
 * The grant state machine, as pure decisions. Narrowing access (shorten, suspend, revoke, a narrower
 * row scope) takes effect at once on one privacy officer's word; widening it (activate, extend,
 * resume, a wider row scope) only after a
 * second, different privacy officer approves (the two-person rule).
 *
 * ```
 *  create ─► pending ──approve(activate)──► active ◄──approve(resume)── suspended
 *                                            │  ▲                           ▲
 *                                            │  └──approve(extend)          │
 *                                            └────────── suspend ───────────┘
 *  any live state ── revoke ──► revoked        any live state ── window over ──► expired
 * ```
 */

/** A change that applies at once. */
export interface ApplyChange {
  readonly kind: 'apply';
  readonly status: GrantStatus;
  readonly notAfter: number;
  /** The grant's new row scope, when the change sets it (a narrowing, or an approved widening). */
  readonly rowScope?: RowScope | null;
  /** Open request closed by this change (approved, or withdrawn because the grant ended). */
  readonly closes?: { readonly id: string; readonly status: GrantRequest['status'] };
}

/** A change that must wait for approval. */
export interface RequestChange {
  readonly kind: 'request';
  readonly action: GrantRequestAction;
  readonly newNotAfter: number | null;
  /** For `scope`: the wider row scope that waits for approval. */
  readonly newRowScope?: RowScope | null;
}

/** Why a change was refused; `code` is the problem code the API returns. */
export interface RefuseChange {
  readonly kind: 'refuse';
  readonly code: 'invalid_transition' | 'two_person_rule' | 'conflict' | 'validation_failed' | 'row_scope_beyond_purpose';
  readonly reason: string;
}

export type ChangeDecision = ApplyChange | RequestChange | RefuseChange;

/** Operations a privacy officer can ask for on an existing grant. */
export type GrantOperation =
  | { readonly op: 'extend'; readonly notAfter: number }
  | { readonly op: 'shorten'; readonly notAfter: number }
  | { readonly op: 'suspend' }
  | { readonly op: 'resume' }
  | { readonly op: 'revoke' }
  /** Set the grant's row scope: at once when it narrows, after a second officer when it widens; never beyond `purposeScope`. */
  | { readonly op: 'scope'; readonly rowScope: RowScope | null; readonly purposeScope: RowScope | null }
  /** `purposeScope`: the purpose's row scope now, the ceiling a waiting scope change is checked against again (without it, a scope change is not approved). */
  | { readonly op: 'approve'; readonly requestId: string; readonly purposeScope?: RowScope | null }
  | { readonly op: 'reject'; readonly requestId: string };

const refuse = (code: RefuseChange['code'], reason: string): RefuseChange => ({ kind: 'refuse', code, reason });

/** A newly created grant: pending, with its activation waiting for a second privacy officer (`create ─► pending` above). */
export const NEW_GRANT = { status: 'pending', request: 'activate' } as const satisfies { status: GrantStatus; request: GrantRequestAction };

/** States from which nothing more can happen. */
export function grantIsFinal(status: GrantStatus): boolean {
  return status === 'revoked' || status === 'expired';
}

/**
 * Decides what `operation` by `actor` does to `grant`, given its open request (if any) at `now`.
 */
export function decideGrantChange(grant: Grant, open: GrantRequest | null, operation: GrantOperation, actor: string, now: number): ChangeDecision {
  if (grantIsFinal(grant.status)) return refuse('invalid_transition', `grant is ${grant.status}`);
  switch (operation.op) {
    case 'extend':
      if (grant.status === 'pending') return refuse('invalid_transition', 'grant is not yet approved');
      if (operation.notAfter <= grant.notAfter) return refuse('validation_failed', 'an extension must end later than the current window');
      if (open !== null) return refuse('conflict', 'another change is waiting for approval');
      return { kind: 'request', action: 'extend', newNotAfter: operation.notAfter };
    case 'shorten':
      if (operation.notAfter >= grant.notAfter) return refuse('validation_failed', 'a shortened window must end earlier than the current one');
      if (operation.notAfter <= grant.notBefore) return refuse('validation_failed', 'use revoke to end a grant before its window starts');
      // An open extension that would end after the new end no longer makes sense.
      if (open !== null && open.action === 'extend') {
        return {
          kind: 'apply',
          status: grant.status,
          notAfter: Math.max(operation.notAfter, Math.min(now, grant.notAfter)),
          closes: { id: open.id, status: 'withdrawn' },
        };
      }
      return { kind: 'apply', status: grant.status, notAfter: Math.max(operation.notAfter, Math.min(now, grant.notAfter)) };
    case 'suspend':
      if (grant.status !== 'active') return refuse('invalid_transition', `cannot suspend a ${grant.status} grant`);
      return { kind: 'apply', status: 'suspended', notAfter: grant.notAfter };
    case 'resume':
      if (grant.status !== 'suspended') return refuse('invalid_transition', `cannot resume a ${grant.status} grant`);
      if (open !== null) return refuse('conflict', 'another change is waiting for approval');
      return { kind: 'request', action: 'resume', newNotAfter: null };
    case 'scope': {
      if (beyondPurposeScope(operation.purposeScope, operation.rowScope).length > 0)
        return refuse('row_scope_beyond_purpose', "the row scope reaches beyond the purpose's");
      if (isNarrowing(grant.rowScope ?? null, operation.rowScope))
        return { kind: 'apply', status: grant.status, notAfter: grant.notAfter, rowScope: operation.rowScope };
      if (open !== null) return refuse('conflict', 'another change is waiting for approval');
      return { kind: 'request', action: 'scope', newNotAfter: null, newRowScope: operation.rowScope };
    }
    case 'revoke':
      return {
        kind: 'apply',
        status: 'revoked',
        notAfter: grant.notAfter,
        ...(open === null ? {} : { closes: { id: open.id, status: 'withdrawn' as const } }),
      };
    case 'approve': {
      if (open === null || open.id !== operation.requestId) return refuse('conflict', 'no such open request on this grant');
      const approval = decideApproval(open, actor);
      if (approval.kind === 'refuse') return refuse(approval.code, approval.reason);
      const closes = { id: open.id, status: 'approved' as const };
      switch (open.action) {
        case 'activate':
          return { kind: 'apply', status: 'active', notAfter: grant.notAfter, closes };
        case 'resume':
          return { kind: 'apply', status: 'active', notAfter: grant.notAfter, closes };
        case 'scope':
          if (operation.purposeScope === undefined || beyondPurposeScope(operation.purposeScope, open.newRowScope ?? null).length > 0)
            return refuse('row_scope_beyond_purpose', "the row scope reaches beyond the purpose's");
          return { kind: 'apply', status: grant.status, notAfter: grant.notAfter, rowScope: open.newRowScope ?? null, closes };
        case 'extend':
          if (open.newNotAfter === null || open.newNotAfter <= grant.notAfter) return refuse('conflict', 'the extension no longer extends the window');
          return { kind: 'apply', status: grant.status, notAfter: open.newNotAfter, closes };
      }
      // Exhaustive above; kept for the compiler.
      return refuse('invalid_transition', 'unknown request');
    }
    case 'reject': {
      if (open === null || open.id !== operation.requestId) return refuse('conflict', 'no such open request on this grant');
      const rejection = decideRejection(open, actor);
      if (rejection.kind === 'refuse') return refuse(rejection.code, rejection.reason);
      // Rejecting an activation ends the grant: it never becomes usable.
      const status: GrantStatus = open.action === 'activate' ? 'revoked' : grant.status;
      return { kind: 'apply', status, notAfter: grant.notAfter, closes: { id: open.id, status: rejection.status } };
    }
  }
}

/** Whether the scheduled job should mark `grant` expired at `now`. */
export function grantShouldExpire(grant: Grant, now: number): boolean {
  return !grantIsFinal(grant.status) && now >= grant.notAfter;
}
