import { LEADERSHIP_APPROVALS_FOR_MEDIA, LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import { LEADERSHIP_APPROVALS_NEEDED, leadershipOptions, leadershipState, recordIdList } from './grant-options.js';

const grant = {
  unblurred_media: false,
  sensitive_cases: true,
  leadership_approvals: [] as string[],
  leadership_approvals_in_force: [] as string[],
  created_by: 'po-a',
  status: 'active' as const,
};
const leader = { id: 'po-b', roles: ['leadership'] };

describe('grant options', () => {
  it('counts the leadership approvals the policy needs', () => {
    expect(LEADERSHIP_APPROVALS_NEEDED).toBe(LEADERSHIP_APPROVALS_FOR_MEDIA);
    expect(LEADERSHIP_APPROVALS_NEEDED).toBe(LEADERSHIP_APPROVALS_FOR_SENSITIVE_CASES);
  });

  it('reads record ids one per line or comma-separated, each once', () => {
    expect(recordIdList(' 1202/2025/0000023\nP-0001, P-0002;P-0001\n\n')).toEqual(['1202/2025/0000023', 'P-0001', 'P-0002']);
    expect(recordIdList('   ')).toEqual([]);
  });

  it('offers unblurred media only where the purpose allows it, sensitive cases only where it discloses cases', () => {
    expect(leadershipOptions({ allow_unblurred_media: true, rules: { person: {} } })).toEqual({ unblurredMedia: true, sensitiveCases: false });
    expect(leadershipOptions({ allow_unblurred_media: false, rules: { case: { id: 'clear' } } })).toEqual({ unblurredMedia: false, sensitiveCases: true });
  });

  it('says nothing of a grant that asks nothing of leadership', () => {
    expect(leadershipState({ ...grant, sensitive_cases: false }, leader)).toBeNull();
  });

  it('lets a leadership officer approve another officer’s grant once', () => {
    expect(leadershipState(grant, leader)).toEqual({ asks: ['sensitive_cases'], inForce: 0, needed: 2, complete: false, noApproval: null });
    expect(leadershipState({ ...grant, leadership_approvals: ['po-b'], leadership_approvals_in_force: ['po-b'] }, leader)?.noApproval).toBe('already_approved');
    expect(leadershipState(grant, { id: 'po-a', roles: ['leadership'] })?.noApproval).toBe('own_grant');
    expect(leadershipState(grant, { id: 'po-c', roles: [] })?.noApproval).toBe('not_leadership');
    expect(leadershipState({ ...grant, status: 'revoked' as 'active' }, leader)?.noApproval).toBe('ended');
  });

  it('counts only the approvals in force towards what is needed', () => {
    const state = leadershipState({ ...grant, unblurred_media: true, leadership_approvals: ['po-x', 'po-y'], leadership_approvals_in_force: ['po-y'] }, leader);
    expect(state).toMatchObject({ asks: ['unblurred_media', 'sensitive_cases'], inForce: 1, complete: false });
  });
});
