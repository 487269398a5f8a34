/** Sensitive cases leave a grant only when it asked for them and two leadership approvals are in force. */
import { describe, expect, it } from 'vitest';
import { carriesMark, hiddenFor, maySeeSensitiveCases, SENSITIVE_CASES } from './sensitive-cases.js';
import type { ApproverStanding } from './types.js';

const lead = (id: string, over: Partial<ApproverStanding> = {}): ApproverStanding => ({
  id,
  kind: 'privacy_officer',
  status: 'active',
  roles: ['leadership'],
  ...over,
});
const grant = (sensitiveCases: boolean, approvers: ApproverStanding[]) => ({
  sensitiveCases,
  leadershipApprovals: approvers.map((a) => a.id),
  leadershipApprovers: approvers,
});

describe('maySeeSensitiveCases', () => {
  it('needs the ask and two distinct leadership approvals in force', () => {
    expect(maySeeSensitiveCases(grant(true, [lead('a'), lead('b')]))).toBe(true);
    expect(maySeeSensitiveCases(grant(false, [lead('a'), lead('b')]))).toBe(false);
    expect(maySeeSensitiveCases(grant(true, [lead('a')]))).toBe(false);
    expect(maySeeSensitiveCases({ sensitiveCases: true, leadershipApprovals: ['a', 'a'], leadershipApprovers: [lead('a')] })).toBe(false);
  });

  it('stops counting an approver who is suspended or no longer holds the role', () => {
    expect(maySeeSensitiveCases(grant(true, [lead('a'), lead('b', { status: 'suspended' })]))).toBe(false);
    expect(maySeeSensitiveCases(grant(true, [lead('a'), lead('b', { roles: [] })]))).toBe(false);
  });
});

describe('hiddenFor and carriesMark', () => {
  it('hides sensitive cases from a grant without approval, and from a grant not yet known', () => {
    expect(hiddenFor('case', grant(true, [lead('a')]))).toEqual(SENSITIVE_CASES);
    expect(hiddenFor('case', null)).toEqual(SENSITIVE_CASES);
    expect(hiddenFor('case', grant(true, [lead('a'), lead('b')]))).toBeNull();
  });

  it('hides nothing of other record types', () => {
    expect(hiddenFor('person', null)).toBeNull();
    expect(hiddenFor('health_case', grant(false, []))).toBeNull();
  });

  it('recognises the mark on an opened case only', () => {
    expect(carriesMark('case', { sensitivity: 'sensitive' }, SENSITIVE_CASES)).toBe(true);
    expect(carriesMark('case', { sensitivity: 'normal' }, SENSITIVE_CASES)).toBe(false);
    expect(carriesMark('case', {}, SENSITIVE_CASES)).toBe(false);
    expect(carriesMark('person', { sensitivity: 'sensitive' }, SENSITIVE_CASES)).toBe(false);
    expect(carriesMark('case', { sensitivity: 'sensitive' }, null)).toBe(false);
  });
});
