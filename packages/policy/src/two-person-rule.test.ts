import { describe, expect, it } from 'vitest';
import { APPROVALS_TO_WIDEN } from './constants.js';
import { decideApproval, officersBehind } from './two-person-rule.js';

describe('the two-person rule', () => {
  it('needs two distinct officers', () => {
    expect(APPROVALS_TO_WIDEN).toBe(2);
    expect(officersBehind('po-a', ['po-a'])).toBe(1);
    expect(officersBehind('po-a', ['po-b'])).toBe(2);
  });

  it('refuses the requester approving their own request', () => {
    expect(decideApproval({ status: 'pending', requestedBy: 'po-a' }, 'po-a')).toMatchObject({ kind: 'refuse', code: 'two_person_rule' });
  });

  it('approves by another officer', () => {
    expect(decideApproval({ status: 'pending', requestedBy: 'po-a' }, 'po-b')).toEqual({ kind: 'approve' });
  });

  it('refuses a request that is no longer open, whoever approves', () => {
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(decideApproval({ status, requestedBy: 'po-a' }, 'po-b')).toMatchObject({ kind: 'refuse', code: 'conflict' });
    }
  });
});
