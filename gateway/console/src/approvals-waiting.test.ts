import { describe, expect, it } from 'vitest';
import { actionableCount, type Waiting } from './approvals-waiting.js';

const grant = {
  unblurred_media: false,
  sensitive_cases: true,
  status: 'active' as const,
  created_by: 'po-a',
  leadership_approvals: [] as string[],
  leadership_approvals_in_force: [] as string[],
};
const waiting: Waiting = {
  grantRequests: [
    { requested_by: 'po-a', status: 'pending' },
    { requested_by: 'po-b', status: 'pending' },
  ],
  registryRequests: [
    { requested_by: 'po-a', status: 'pending' },
    { requested_by: 'po-c', status: 'pending' },
    { requested_by: 'po-c', status: 'approved' },
  ],
  grants: [grant, { ...grant, created_by: 'po-b' }, { ...grant, sensitive_cases: false }],
  originalAudits: [],
};

describe('the requests an officer may act on (the Approvals count)', () => {
  it('leaves out the officer’s own requests and closed ones', () => {
    expect(actionableCount({ id: 'po-a', roles: [] }, waiting)).toBe(2);
    expect(actionableCount({ id: 'po-b', roles: [] }, waiting)).toBe(3);
    expect(actionableCount({ id: 'po-z', roles: [] }, waiting)).toBe(4);
  });

  it('counts leadership approvals only for a leadership officer, never on a grant they asked for or already approved', () => {
    expect(actionableCount({ id: 'po-a', roles: ['leadership'] }, waiting)).toBe(2 + 1);
    expect(actionableCount({ id: 'po-z', roles: ['leadership'] }, waiting)).toBe(4 + 2);
    const approved = { ...waiting, grants: [{ ...grant, leadership_approvals: ['po-z'], leadership_approvals_in_force: ['po-z'] }] };
    expect(actionableCount({ id: 'po-z', roles: ['leadership'] }, approved)).toBe(4);
  });

  it('does not count a grant whose leadership approvals are complete or that has ended', () => {
    const complete = { ...grant, leadership_approvals: ['x', 'y'], leadership_approvals_in_force: ['x', 'y'] };
    const ended = { ...grant, status: 'revoked' as const };
    expect(
      actionableCount({ id: 'po-z', roles: ['leadership'] }, { grantRequests: [], registryRequests: [], grants: [complete, ended], originalAudits: [] }),
    ).toBe(0);
  });

  it('counts requests to compare a photo with its original that a leadership officer may approve: not their own, not approved by them, only while awaiting', () => {
    const ask = { state: 'awaiting' as const, requested_by: 'po-a', approvals: [] as { by: string; at: string }[] };
    const originalAudits = [
      ask,
      { ...ask, requested_by: 'po-z' },
      { ...ask, approvals: [{ by: 'po-z', at: '2026-12-01T08:00:00Z' }] },
      { ...ask, state: 'in_force' as const },
      { ...ask, state: 'closed' as const },
    ];
    const only = { grantRequests: [], registryRequests: [], grants: [], originalAudits };
    expect(actionableCount({ id: 'po-z', roles: ['leadership'] }, only)).toBe(1);
    expect(actionableCount({ id: 'po-y', roles: ['leadership'] }, only)).toBe(3);
    expect(actionableCount({ id: 'po-y', roles: [] }, only)).toBe(0);
  });
});
