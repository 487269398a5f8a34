/** The grant state machine: every transition, every refusal, and the two-person rule as properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideGrantChange, grantIsFinal, grantShouldExpire, NEW_GRANT, type GrantOperation } from './grant-lifecycle.js';
import { GRANT_REQUEST_ACTIONS, GRANT_STATUSES, type Grant, type GrantRequest, type GrantRequestAction, type GrantStatus } from './types.js';

const T0 = 1_800_000_000;
const A = 'officer-a';
const B = 'officer-b';

function grant(status: GrantStatus, over: Partial<Grant> = {}): Grant {
  return {
    id: 'grt_0000000000000000',
    purposeId: 'covid-tracing',
    agencyId: 'moh',
    notBefore: T0,
    notAfter: T0 + 96 * 3600,
    dataLife: 3600,
    recordIds: null,
    mediaUnblurred: false,
    leadershipApprovals: [],
    leadershipApprovers: [],
    sensitiveCases: false,
    status,
    note: '',
    version: 1,
    etag: 'e1',
    createdBy: A,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

function request(action: GrantRequestAction, over: Partial<GrantRequest> = {}): GrantRequest {
  return {
    id: 'req_0000000000000000',
    grantId: 'grt_0000000000000000',
    action,
    newNotAfter: action === 'extend' ? T0 + 200 * 3600 : null,
    requestedBy: A,
    requestedAt: T0,
    reason: '',
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    ...over,
  };
}

const now = T0 + 3600;
const end = T0 + 96 * 3600;

describe('final states', () => {
  const ops: GrantOperation[] = [
    { op: 'extend', notAfter: end + 10 },
    { op: 'shorten', notAfter: end - 10 },
    { op: 'suspend' },
    { op: 'resume' },
    { op: 'revoke' },
    { op: 'approve', requestId: 'req_0000000000000000' },
    { op: 'reject', requestId: 'req_0000000000000000' },
  ];
  it.each(['revoked', 'expired'] as const)('%s refuses every operation as invalid_transition', (status) => {
    expect(grantIsFinal(status)).toBe(true);
    for (const op of ops) {
      for (const open of [null, request('extend', { requestedBy: A })]) {
        expect(decideGrantChange(grant(status), open, op, B, now)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
      }
    }
  });
  it.each(['pending', 'active', 'suspended'] as const)('%s is not final', (status) => expect(grantIsFinal(status)).toBe(false));
});

describe('activation (two-person rule)', () => {
  const open = request('activate');
  it('a new grant is pending, waiting for its activation', () => {
    expect(NEW_GRANT).toEqual({ status: 'pending', request: 'activate' });
    expect(decideGrantChange(grant(NEW_GRANT.status), request(NEW_GRANT.request), { op: 'approve', requestId: open.id }, B, now)).toMatchObject({
      kind: 'apply',
      status: 'active',
    });
  });
  it('a second officer approves: pending → active, request approved', () => {
    expect(decideGrantChange(grant('pending'), open, { op: 'approve', requestId: open.id }, B, now)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end,
      closes: { id: open.id, status: 'approved' },
    });
  });
  it('the requester cannot approve their own request', () => {
    expect(decideGrantChange(grant('pending'), open, { op: 'approve', requestId: open.id }, A, now)).toMatchObject({ kind: 'refuse', code: 'two_person_rule' });
  });
  it('approving a request id that is not the open one is a conflict', () => {
    expect(decideGrantChange(grant('pending'), open, { op: 'approve', requestId: 'req_1111111111111111' }, B, now)).toMatchObject({
      kind: 'refuse',
      code: 'conflict',
    });
    expect(decideGrantChange(grant('pending'), null, { op: 'approve', requestId: open.id }, B, now)).toMatchObject({ kind: 'refuse', code: 'conflict' });
  });
  it('rejecting an activation ends the grant (revoked); the requester withdrawing does too', () => {
    expect(decideGrantChange(grant('pending'), open, { op: 'reject', requestId: open.id }, B, now)).toEqual({
      kind: 'apply',
      status: 'revoked',
      notAfter: end,
      closes: { id: open.id, status: 'rejected' },
    });
    expect(decideGrantChange(grant('pending'), open, { op: 'reject', requestId: open.id }, A, now)).toEqual({
      kind: 'apply',
      status: 'revoked',
      notAfter: end,
      closes: { id: open.id, status: 'withdrawn' },
    });
  });
  it('a pending grant cannot be extended, suspended or resumed', () => {
    expect(decideGrantChange(grant('pending'), open, { op: 'extend', notAfter: end + 1 }, A, now)).toMatchObject({
      kind: 'refuse',
      code: 'invalid_transition',
    });
    expect(decideGrantChange(grant('pending'), open, { op: 'suspend' }, A, now)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
    expect(decideGrantChange(grant('pending'), open, { op: 'resume' }, A, now)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
  });
});

describe('extend', () => {
  it('opens a request; nothing changes until approved', () => {
    expect(decideGrantChange(grant('active'), null, { op: 'extend', notAfter: end + 3600 }, A, now)).toEqual({
      kind: 'request',
      action: 'extend',
      newNotAfter: end + 3600,
    });
    expect(decideGrantChange(grant('suspended'), null, { op: 'extend', notAfter: end + 3600 }, A, now)).toEqual({
      kind: 'request',
      action: 'extend',
      newNotAfter: end + 3600,
    });
  });
  it('must end later than the current window', () => {
    for (const notAfter of [end, end - 1, T0]) {
      expect(decideGrantChange(grant('active'), null, { op: 'extend', notAfter }, A, now)).toMatchObject({ kind: 'refuse', code: 'validation_failed' });
    }
  });
  it('waits for any open request to be decided', () => {
    expect(decideGrantChange(grant('active'), request('extend'), { op: 'extend', notAfter: end + 1 }, B, now)).toMatchObject({
      kind: 'refuse',
      code: 'conflict',
    });
  });
  it('approval by another officer moves the end; the requester cannot approve', () => {
    const open = request('extend', { newNotAfter: end + 7200 });
    expect(decideGrantChange(grant('active'), open, { op: 'approve', requestId: open.id }, B, now)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end + 7200,
      closes: { id: open.id, status: 'approved' },
    });
    expect(decideGrantChange(grant('active'), open, { op: 'approve', requestId: open.id }, A, now)).toMatchObject({ kind: 'refuse', code: 'two_person_rule' });
  });
  it('approving an extension that no longer extends (window moved meanwhile) is a conflict', () => {
    const open = request('extend', { newNotAfter: end });
    expect(decideGrantChange(grant('active'), open, { op: 'approve', requestId: open.id }, B, now)).toMatchObject({ kind: 'refuse', code: 'conflict' });
  });
  it('rejecting an extension keeps the grant as it is', () => {
    const open = request('extend');
    expect(decideGrantChange(grant('active'), open, { op: 'reject', requestId: open.id }, B, now)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end,
      closes: { id: open.id, status: 'rejected' },
    });
  });
});

describe('shorten (at once)', () => {
  it('moves the end earlier without approval', () => {
    expect(decideGrantChange(grant('active'), null, { op: 'shorten', notAfter: end - 3600 }, A, now)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end - 3600,
    });
  });
  it('never ends before now: a shortened window that would lie in the past ends now', () => {
    expect(decideGrantChange(grant('active'), null, { op: 'shorten', notAfter: T0 + 10 }, A, now)).toEqual({ kind: 'apply', status: 'active', notAfter: now });
  });
  it('refuses a later or equal end, and an end before the start (use revoke)', () => {
    expect(decideGrantChange(grant('active'), null, { op: 'shorten', notAfter: end }, A, now)).toMatchObject({ kind: 'refuse', code: 'validation_failed' });
    expect(decideGrantChange(grant('active'), null, { op: 'shorten', notAfter: end + 1 }, A, now)).toMatchObject({ kind: 'refuse', code: 'validation_failed' });
    expect(decideGrantChange(grant('active'), null, { op: 'shorten', notAfter: T0 }, A, now)).toMatchObject({ kind: 'refuse', code: 'validation_failed' });
  });
  it('withdraws an open extension', () => {
    const open = request('extend');
    expect(decideGrantChange(grant('active'), open, { op: 'shorten', notAfter: end - 60 }, B, now)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end - 60,
      closes: { id: open.id, status: 'withdrawn' },
    });
  });
  it('never moves the end later, even after the window is over and an extension is open', () => {
    // The window ended at `end`; housekeeping has not marked the grant expired yet.
    const open = request('extend');
    expect(decideGrantChange(grant('active'), open, { op: 'shorten', notAfter: end - 60 }, A, end + 500)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end,
      closes: { id: open.id, status: 'withdrawn' },
    });
    expect(decideGrantChange(grant('active'), null, { op: 'shorten', notAfter: end - 60 }, A, end + 500)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end,
    });
  });
  it('applies to pending and suspended grants too, keeping their status', () => {
    expect(decideGrantChange(grant('pending'), request('activate'), { op: 'shorten', notAfter: end - 60 }, A, now)).toEqual({
      kind: 'apply',
      status: 'pending',
      notAfter: end - 60,
    });
    expect(decideGrantChange(grant('suspended'), null, { op: 'shorten', notAfter: end - 60 }, A, now)).toEqual({
      kind: 'apply',
      status: 'suspended',
      notAfter: end - 60,
    });
  });
});

describe('suspend, resume, revoke', () => {
  it('suspend applies at once, only to an active grant', () => {
    expect(decideGrantChange(grant('active'), null, { op: 'suspend' }, A, now)).toEqual({ kind: 'apply', status: 'suspended', notAfter: end });
    expect(decideGrantChange(grant('suspended'), null, { op: 'suspend' }, A, now)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
  });
  it('resume only opens a request, approved by another officer', () => {
    expect(decideGrantChange(grant('suspended'), null, { op: 'resume' }, A, now)).toEqual({ kind: 'request', action: 'resume', newNotAfter: null });
    const open = request('resume');
    expect(decideGrantChange(grant('suspended'), open, { op: 'approve', requestId: open.id }, A, now)).toMatchObject({
      kind: 'refuse',
      code: 'two_person_rule',
    });
    expect(decideGrantChange(grant('suspended'), open, { op: 'approve', requestId: open.id }, B, now)).toEqual({
      kind: 'apply',
      status: 'active',
      notAfter: end,
      closes: { id: open.id, status: 'approved' },
    });
  });
  it('resume is refused for a grant that is not suspended, or while another request is open', () => {
    expect(decideGrantChange(grant('active'), null, { op: 'resume' }, A, now)).toMatchObject({ kind: 'refuse', code: 'invalid_transition' });
    expect(decideGrantChange(grant('suspended'), request('extend'), { op: 'resume' }, A, now)).toMatchObject({ kind: 'refuse', code: 'conflict' });
  });
  it('rejecting a resume leaves the grant suspended', () => {
    const open = request('resume');
    expect(decideGrantChange(grant('suspended'), open, { op: 'reject', requestId: open.id }, B, now)).toMatchObject({ kind: 'apply', status: 'suspended' });
  });
  it.each(['pending', 'active', 'suspended'] as const)('revoke ends a %s grant at once and withdraws its open request', (status) => {
    expect(decideGrantChange(grant(status), null, { op: 'revoke' }, A, now)).toEqual({ kind: 'apply', status: 'revoked', notAfter: end });
    const open = request(status === 'pending' ? 'activate' : status === 'suspended' ? 'resume' : 'extend');
    expect(decideGrantChange(grant(status), open, { op: 'revoke' }, A, now)).toEqual({
      kind: 'apply',
      status: 'revoked',
      notAfter: end,
      closes: { id: open.id, status: 'withdrawn' },
    });
  });
});

describe('grantShouldExpire', () => {
  it('expires live states once the window is over, never final ones', () => {
    for (const status of GRANT_STATUSES) {
      expect(grantShouldExpire(grant(status), end - 1)).toBe(false);
      expect(grantShouldExpire(grant(status), end)).toBe(!grantIsFinal(status));
    }
  });
});

describe('properties', () => {
  const statusArb = fc.constantFrom(...GRANT_STATUSES);
  const actorArb = fc.constantFrom(A, B, 'officer-c');
  const timeArb = fc.integer({ min: T0 - 1000, max: T0 + 400 * 3600 });
  const openArb = fc.option(
    fc
      .record({ action: fc.constantFrom(...GRANT_REQUEST_ACTIONS), by: actorArb, newNotAfter: timeArb })
      .map(({ action, by, newNotAfter }) => request(action, { requestedBy: by, newNotAfter: action === 'extend' ? newNotAfter : null })),
    { nil: null },
  );
  const opArb: fc.Arbitrary<GrantOperation> = fc.oneof(
    timeArb.map((t) => ({ op: 'extend' as const, notAfter: t })),
    timeArb.map((t) => ({ op: 'shorten' as const, notAfter: t })),
    fc.constant({ op: 'suspend' as const }),
    fc.constant({ op: 'resume' as const }),
    fc.constant({ op: 'revoke' as const }),
    fc.constantFrom('req_0000000000000000', 'req_1111111111111111').map((id) => ({ op: 'approve' as const, requestId: id })),
    fc.constantFrom('req_0000000000000000', 'req_1111111111111111').map((id) => ({ op: 'reject' as const, requestId: id })),
  );
  const caseArb = fc.record({
    status: statusArb,
    notAfter: fc.integer({ min: T0 + 1, max: T0 + 300 * 3600 }),
    open: openArb,
    op: opArb,
    actor: actorArb,
    now: timeArb,
  });

  it('access only widens when a second, different officer approves', () => {
    fc.assert(
      fc.property(caseArb, ({ status, notAfter, open, op, actor, now: at }) => {
        const g = grant(status, { notAfter });
        const d = decideGrantChange(g, open, op, actor, at);
        if (d.kind !== 'apply') return;
        const widens = d.notAfter > g.notAfter || (d.status === 'active' && g.status !== 'active');
        if (widens) {
          expect(op.op).toBe('approve');
          expect(open).not.toBeNull();
          expect(open?.requestedBy).not.toBe(actor);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('nothing leaves a final state, and narrowing operations never move the end later', () => {
    fc.assert(
      fc.property(caseArb, ({ status, notAfter, open, op, actor, now: at }) => {
        const g = grant(status, { notAfter });
        const d = decideGrantChange(g, open, op, actor, at);
        if (grantIsFinal(status)) expect(d.kind).toBe('refuse');
        if (d.kind === 'apply' && (op.op === 'shorten' || op.op === 'suspend' || op.op === 'revoke' || op.op === 'reject')) {
          expect(d.notAfter).toBeLessThanOrEqual(g.notAfter);
        }
        if (d.kind === 'apply' && d.closes !== undefined) expect(d.closes.id).toBe(open?.id);
      }),
      { numRuns: 2000 },
    );
  });
});
