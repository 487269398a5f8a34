import { describe, expect, it } from 'vitest';
import { approvalsInForce, decideLeadershipApproval, holdsRole } from './leadership-approvals.js';
import { mayReleaseUnblurredMedia } from './media.js';
import type { ApproverStanding } from './types.js';

const lead = (id: string, over: Partial<ApproverStanding> = {}): ApproverStanding => ({
  id,
  kind: 'privacy_officer',
  status: 'active',
  roles: ['leadership'],
  ...over,
});

describe('leadership approvals in force', () => {
  it('counts active privacy officers who hold the role, once each', () => {
    expect(approvalsInForce(['a', 'b', 'a'], [lead('a'), lead('b')])).toEqual(['a', 'b']);
  });

  it('stop counting when the approver is suspended', () => {
    expect(approvalsInForce(['a', 'b'], [lead('a', { status: 'suspended' }), lead('b')])).toEqual(['b']);
  });

  it('stop counting when the approver no longer holds the role', () => {
    expect(approvalsInForce(['a', 'b'], [lead('a', { roles: [] }), lead('b')])).toEqual(['b']);
  });

  it('count nothing for an approver who is not (or no longer) a registered privacy officer', () => {
    expect(approvalsInForce(['a', 'b', 'c'], [lead('a', { kind: 'partner' }), lead('b', { kind: 'officer' })])).toEqual([]);
  });
});

describe('unblurred media', () => {
  const grant = (approvers: ApproverStanding[]) => ({ mediaUnblurred: true, leadershipApprovals: approvers.map((a) => a.id), leadershipApprovers: approvers });
  it('need two approvals in force', () => {
    expect(mayReleaseUnblurredMedia({ allowUnblurredMedia: true }, grant([lead('a'), lead('b')]))).toBe(true);
    expect(mayReleaseUnblurredMedia({ allowUnblurredMedia: true }, grant([lead('a'), lead('b', { status: 'suspended' })]))).toBe(false);
    expect(mayReleaseUnblurredMedia({ allowUnblurredMedia: true }, grant([lead('a'), lead('b', { roles: [] })]))).toBe(false);
    expect(mayReleaseUnblurredMedia({ allowUnblurredMedia: false }, grant([lead('a'), lead('b')]))).toBe(false);
  });
});

describe('giving a leadership approval', () => {
  const grant = { mediaUnblurred: true, sensitiveCases: false, status: 'active' as const, createdBy: 'po-a', leadershipApprovals: ['lead-b'] };

  it('is for officers who hold the role', () => {
    expect(holdsRole({ roles: ['leadership'] })).toBe(true);
    expect(holdsRole({ roles: [] })).toBe(false);
    expect(holdsRole(null)).toBe(false);
  });

  it('is recorded for another officer than the grant’s creator, once', () => {
    expect(decideLeadershipApproval(grant, 'lead-c')).toEqual({ kind: 'approve' });
    expect(decideLeadershipApproval(grant, 'lead-b')).toMatchObject({ kind: 'refuse', code: 'conflict' });
  });

  it('is never the creator’s own (the two-person rule)', () => {
    expect(decideLeadershipApproval(grant, 'po-a')).toMatchObject({ kind: 'refuse', code: 'two_person_rule' });
  });

  it('is refused for a grant that asks nothing of leadership, or can no longer change', () => {
    expect(decideLeadershipApproval({ ...grant, mediaUnblurred: false }, 'lead-c')).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
    for (const status of ['revoked', 'expired'] as const)
      expect(decideLeadershipApproval({ ...grant, status }, 'lead-c')).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
    expect(decideLeadershipApproval({ ...grant, status: 'pending' }, 'lead-c')).toEqual({ kind: 'approve' });
  });
});
