import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_AUDIT_SECONDS } from './constants.js';
import { decideLeadershipApproval } from './leadership-approvals.js';
import {
  decideOriginalAuditApproval,
  decideOriginalAuditClose,
  mayRequestOriginalAudit,
  originalAuditState,
  originalReleasedTo,
  type OriginalAuditRequest,
} from './original-audit.js';
import type { ApproverStanding } from './types.js';

const lead = (id: string, over: Partial<ApproverStanding> = {}): ApproverStanding => ({
  id,
  kind: 'privacy_officer',
  status: 'active',
  roles: ['leadership'],
  ...over,
});
const T = 1_800_000_000;

const request = (over: Partial<OriginalAuditRequest> = {}): OriginalAuditRequest => ({
  id: 'oreq_1',
  owner: 'police',
  ref: 'media/case/1/witnesses.jpg',
  requestedBy: 'po-a',
  requestedAt: T,
  reason: 'complaint 7/2026: a face left visible',
  status: 'open',
  approvals: [],
  approvers: [],
  closedBy: null,
  closedAt: null,
  ...over,
});
const approved = (over: Partial<OriginalAuditRequest> = {}) =>
  request({
    approvals: [
      { by: 'lead-b', at: T + 10 },
      { by: 'lead-c', at: T + 20 },
    ],
    approvers: [lead('lead-b'), lead('lead-c')],
    ...over,
  });

describe('auditing a photo’s original', () => {
  it('is in force only with two leadership approvals in force, for the time limit from the second', () => {
    expect(originalAuditState(request(), T).state).toBe('awaiting');
    expect(originalAuditState(request({ approvals: [{ by: 'lead-b', at: T }], approvers: [lead('lead-b')] }), T + 1).state).toBe('awaiting');
    expect(originalAuditState(approved(), T + 21)).toEqual({ state: 'in_force', until: T + 20 + ORIGINAL_AUDIT_SECONDS, inForce: ['lead-b', 'lead-c'] });
    expect(originalAuditState(approved(), T + 20 + ORIGINAL_AUDIT_SECONDS).state).toBe('expired');
    expect(originalAuditState(approved({ approvers: [lead('lead-b'), lead('lead-c', { status: 'suspended' })] }), T + 21).state).toBe('awaiting');
    expect(originalAuditState(approved({ approvers: [lead('lead-b'), lead('lead-c', { roles: [] })] }), T + 21).state).toBe('awaiting');
    expect(originalAuditState(approved({ status: 'revoked' }), T + 21).state).toBe('closed');
  });

  it('never counts the requester’s own approval, even if one were stored', () => {
    const own = approved({
      approvals: [
        { by: 'po-a', at: T },
        { by: 'lead-c', at: T + 1 },
      ],
      approvers: [lead('po-a'), lead('lead-c')],
    });
    expect(originalAuditState(own, T + 2).state).toBe('awaiting');
  });

  it('is approved by the one leadership rule: not by the requester, once per officer, not once ended or lapsed', () => {
    expect(decideOriginalAuditApproval(request(), 'lead-b', T)).toEqual({ kind: 'approve' });
    expect(decideOriginalAuditApproval(request(), 'po-a', T)).toMatchObject({ kind: 'refuse', code: 'two_person_rule' });
    expect(decideOriginalAuditApproval(approved(), 'lead-b', T + 30)).toMatchObject({ kind: 'refuse', code: 'conflict' });
    expect(decideOriginalAuditApproval(approved({ status: 'withdrawn' }), 'lead-d', T + 30)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
    expect(decideOriginalAuditApproval(approved(), 'lead-d', T + 20 + ORIGINAL_AUDIT_SECONDS)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
    // The grant's rule and this one refuse the requester alike: one rule, two askers.
    const grant = { mediaUnblurred: true, sensitiveCases: false, status: 'active' as const, createdBy: 'po-a', leadershipApprovals: [] };
    expect(decideLeadershipApproval(grant, 'po-a').kind).toBe(decideOriginalAuditApproval(request(), 'po-a', T).kind);
  });

  it('is released only to its requester, for its photo, while in force', () => {
    const r = approved();
    expect(originalReleasedTo([r], 'po-a', r.owner, r.ref, T + 30)).toBe(r);
    expect(originalReleasedTo([r], 'po-x', r.owner, r.ref, T + 30)).toBeNull();
    expect(originalReleasedTo([r], 'po-a', r.owner, 'media/case/1/other.jpg', T + 30)).toBeNull();
    expect(originalReleasedTo([r], 'po-a', 'health', r.ref, T + 30)).toBeNull();
    expect(originalReleasedTo([r], 'po-a', r.owner, r.ref, T + 20 + ORIGINAL_AUDIT_SECONDS)).toBeNull();
    expect(originalReleasedTo([request()], 'po-a', r.owner, r.ref, T + 30)).toBeNull();
  });

  it('is never released without two distinct approvers in force, whoever they are', () => {
    const ids = fc.constantFrom('po-a', 'lead-b', 'lead-c', 'lead-d');
    fc.assert(
      fc.property(fc.array(ids, { maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (by, active) => {
        const approvers = ['po-a', 'lead-b', 'lead-c', 'lead-d'].map((id, i) => lead(id, { status: active[i] ? 'active' : 'suspended' }));
        const r = request({ approvals: by.map((b, i) => ({ by: b, at: T + i })), approvers });
        if (originalReleasedTo([r], 'po-a', r.owner, r.ref, T + 10) === null) return;
        const counted = new Set(by.filter((b) => b !== 'po-a' && approvers.find((a) => a.id === b)?.status === 'active'));
        expect(counted.size).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it('is ended by one officer: withdrawn by its requester, rejected before approval, revoked after', () => {
    expect(decideOriginalAuditClose(request(), 'po-a', T)).toEqual({ kind: 'close', status: 'withdrawn' });
    expect(decideOriginalAuditClose(request(), 'po-b', T)).toEqual({ kind: 'close', status: 'rejected' });
    expect(decideOriginalAuditClose(approved(), 'lead-b', T + 30)).toEqual({ kind: 'close', status: 'revoked' });
    expect(decideOriginalAuditClose(approved({ status: 'revoked' }), 'po-b', T + 30)).toMatchObject({ kind: 'refuse', code: 'conflict' });
  });

  it('is asked for again only once the previous one for the photo is ended or lapsed', () => {
    expect(mayRequestOriginalAudit([], T)).toBe(true);
    expect(mayRequestOriginalAudit([request()], T)).toBe(false);
    expect(mayRequestOriginalAudit([approved()], T + 30)).toBe(false);
    expect(mayRequestOriginalAudit([approved()], T + 20 + ORIGINAL_AUDIT_SECONDS)).toBe(true);
    expect(mayRequestOriginalAudit([request({ status: 'withdrawn' })], T)).toBe(true);
  });
});
