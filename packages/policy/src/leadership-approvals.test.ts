import { describe, expect, it } from 'vitest';
import { approvalsInForce } from './leadership-approvals.js';
import { mayReleaseUnblurredMedia } from './media.js';
import type { ApproverStanding } from './types.js';

const lead = (id: string, over: Partial<ApproverStanding> = {}): ApproverStanding => ({ id, kind: 'privacy_officer', status: 'active', roles: ['leadership'], ...over });

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
