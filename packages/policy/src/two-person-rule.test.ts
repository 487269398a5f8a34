import { describe, expect, it } from 'vitest';
import { APPROVALS_TO_WIDEN } from './constants.js';
import { decideApproval, decideRejection, officersBehind } from './two-person-rule.js';

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

describe('closing a request without approving it', () => {
  it('is a withdrawal by its requester and a rejection by anyone else', () => {
    expect(decideRejection({ status: 'pending', requestedBy: 'po-a' }, 'po-a')).toEqual({ kind: 'close', status: 'withdrawn' });
    expect(decideRejection({ status: 'pending', requestedBy: 'po-a' }, 'po-b')).toEqual({ kind: 'close', status: 'rejected' });
  });

  it('is refused once the request is closed', () => {
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(decideRejection({ status, requestedBy: 'po-a' }, 'po-a')).toMatchObject({ kind: 'refuse', code: 'conflict' });
    }
  });
});
