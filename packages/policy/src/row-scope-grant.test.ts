/** Row scope changes on a grant: narrowing at once, widening only through a second officer, never beyond the purpose. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideGrantChange } from './grant-lifecycle.js';
import { isNarrowing } from './row-scope-change.js';
import type { RowScope } from './row-scope.js';
import type { Grant, GrantRequest } from './types.js';

const T0 = 1_800_000_000;
const A = 'officer-a';
const B = 'officer-b';
const s = (over: Partial<RowScope>): RowScope => ({ places: null, from: null, until: null, links: [], ...over });
const grant = (rowScope: RowScope | null): Grant => ({
  id: 'grt_0000000000000000',
  purposeId: 'p',
  agencyId: 'moh',
  notBefore: T0,
  notAfter: T0 + 3600,
  dataLife: 60,
  recordIds: null,
  rowScope,
  mediaUnblurred: false,
  sensitiveCases: false,
  leadershipApprovals: [],
  leadershipApprovers: [],
  status: 'active',
  note: '',
  version: 1,
  etag: 'e',
  createdBy: A,
  createdAt: T0,
  updatedAt: T0,
});
const scopeRequest = (newRowScope: RowScope | null, requestedBy = A): GrantRequest => ({
  id: 'req_0000000000000000',
  grantId: 'grt_0000000000000000',
  action: 'scope',
  newNotAfter: null,
  newRowScope,
  requestedBy,
  requestedAt: T0,
  reason: '',
  status: 'pending',
  decidedBy: null,
  decidedAt: null,
});
const pp = s({ places: ['12'] });

describe('decideGrantChange: scope', () => {
  it('a narrowing applies at once', () => {
    expect(decideGrantChange(grant(pp), null, { op: 'scope', rowScope: s({ places: ['1201'] }), purposeScope: null }, A, T0)).toMatchObject({
      kind: 'apply',
      rowScope: { places: ['1201'] },
    });
  });
  it('a widening waits for a second officer, who alone can apply it', () => {
    const wider = s({ places: ['08', '12'] });
    expect(decideGrantChange(grant(pp), null, { op: 'scope', rowScope: wider, purposeScope: null }, A, T0)).toEqual({
      kind: 'request',
      action: 'scope',
      newNotAfter: null,
      newRowScope: wider,
    });
    expect(decideGrantChange(grant(pp), scopeRequest(wider), { op: 'approve', requestId: 'req_0000000000000000', purposeScope: null }, A, T0)).toMatchObject({
      kind: 'refuse',
      code: 'two_person_rule',
    });
    expect(decideGrantChange(grant(pp), scopeRequest(wider), { op: 'approve', requestId: 'req_0000000000000000', purposeScope: null }, B, T0)).toMatchObject({
      kind: 'apply',
      rowScope: wider,
    });
  });
  it('never beyond the purpose, when asked or when approved', () => {
    expect(decideGrantChange(grant(pp), null, { op: 'scope', rowScope: null, purposeScope: pp }, A, T0)).toMatchObject({
      kind: 'refuse',
      code: 'row_scope_beyond_purpose',
    });
    const req = scopeRequest(s({ places: ['08', '12'] }));
    expect(decideGrantChange(grant(pp), req, { op: 'approve', requestId: req.id, purposeScope: pp }, B, T0)).toMatchObject({
      kind: 'refuse',
      code: 'row_scope_beyond_purpose',
    });
    expect(decideGrantChange(grant(pp), req, { op: 'approve', requestId: req.id }, B, T0)).toMatchObject({ kind: 'refuse', code: 'row_scope_beyond_purpose' });
  });
  it('property: a scope only widens through an approval by another officer', () => {
    const scopeArb = fc.option(
      fc.record({
        places: fc.option(fc.uniqueArray(fc.constantFrom('12', '08', '1201'), { minLength: 1 })),
        from: fc.option(fc.constantFrom('2026-03-01', '2026-04-01')),
        until: fc.constant(null),
        links: fc.constant([]),
      }),
    );
    fc.assert(
      fc.property(scopeArb, scopeArb, scopeArb, fc.constantFrom(A, B), fc.boolean(), (current, asked, pending, actor, approve) => {
        const open = pending === null ? null : scopeRequest(pending);
        const op = approve
          ? { op: 'approve' as const, requestId: 'req_0000000000000000', purposeScope: null }
          : { op: 'scope' as const, rowScope: asked, purposeScope: null };
        const d = decideGrantChange(grant(current), approve ? open : null, op, actor, T0);
        if (d.kind === 'apply' && d.rowScope !== undefined && !isNarrowing(current, d.rowScope)) {
          expect(op.op).toBe('approve');
          expect(open?.requestedBy).not.toBe(actor);
        }
      }),
    );
  });
});
