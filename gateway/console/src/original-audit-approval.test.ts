import { describe, expect, it } from 'vitest';
import { originalAuditNoApproval } from './original-audit-approval.js';

const request = { state: 'awaiting' as const, requested_by: 'po-a', approvals: [{ by: 'lead-b', at: '2026-12-01T08:00:00Z' }] };
const lead = (id: string) => ({ id, roles: ['leadership'] });

describe('who may approve a request to compare a photo with its original (the policy’s leadership rule)', () => {
  it('lets a leadership officer other than the requester approve once, while it awaits leadership', () => {
    expect(originalAuditNoApproval(request, lead('lead-c'))).toBeNull();
    expect(originalAuditNoApproval(request, lead('lead-b'))).toBe('already_approved');
    expect(originalAuditNoApproval({ ...request, requested_by: 'lead-c' }, lead('lead-c'))).toBe('own_request');
  });

  it('refuses an officer without the leadership role, and a request no longer awaiting', () => {
    expect(originalAuditNoApproval(request, { id: 'po-z', roles: [] })).toBe('not_leadership');
    for (const state of ['in_force', 'expired', 'closed'] as const) expect(originalAuditNoApproval({ ...request, state }, lead('lead-c'))).toBe('ended');
  });
});
