/** Token policy: what a partner or data owner is granted — never more than asked and allowed. */
import type { DisclosureMode } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ACCESS_TOKEN_LIFETIME, MIN_USEFUL_TOKEN_LIFETIME } from './constants.js';
import type { RecordAccessRequest } from './authorization-details.js';
import { decideRecordAccess, decideRecordIngest, type TokenClient } from './token-policy.js';
import { RECORD_ACTIONS, type Grant, type GrantStatus, type Purpose, type PurposeRules } from './types.js';

const NOW = 1_800_000_000;
const partner: TokenClient = { id: 'moh-tracer', kind: 'partner', agencyId: 'moh', ingestTypes: [] };
const owner: TokenClient = { id: 'police-loader', kind: 'data_owner', agencyId: 'police', ingestTypes: ['person', 'case'] };

const RULES: PurposeRules = {
  person: { name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised', national_id: 'none' },
  health_case: { test_date: 'clear', result: 'predicate' },
};

function purpose(over: Partial<Purpose> = {}): Purpose {
  return {
    id: 'covid-tracing',
    title: 't',
    legalBasis: 'l',
    description: '',
    rules: RULES,
    actions: ['fetch', 'search'],
    agencies: ['moh'],
    maxTokenLifetime: 300,
    requestsPerMinute: 60,
    personsPerHour: 200,
    officerRequestsPerMinute: 60,
    officerPersonsPerHour: 200,
    notificationDelayDays: 0,
    allowUnblurredMedia: false,
    status: 'active',
    version: 1,
    etag: 'e',
    createdBy: 'po',
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

function grant(over: Partial<Grant> = {}): Grant {
  return {
    id: 'grt_aaaaaaaaaaaaaaaa',
    purposeId: 'covid-tracing',
    agencyId: 'moh',
    notBefore: NOW - 60,
    notAfter: NOW + 96 * 3600,
    dataLife: 3600,
    recordIds: null,
    mediaUnblurred: false,
    leadershipApprovals: [],
    leadershipApprovers: [],
    sensitiveCases: false,
    status: 'active',
    note: '',
    version: 1,
    etag: 'e',
    createdBy: 'po',
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}

const ask = (over: Partial<RecordAccessRequest> = {}): RecordAccessRequest => ({ type: 'record_access', purpose: 'covid-tracing', ...over });

describe('decideRecordAccess', () => {
  it('grants everything the purpose discloses when the request names only the purpose', () => {
    const d = decideRecordAccess(ask(), partner, purpose(), [grant()], NOW);
    expect(d).toEqual({
      ok: true,
      lifetime: 300,
      granted: {
        type: 'record_access',
        purpose: 'covid-tracing',
        grant: 'grt_aaaaaaaaaaaaaaaa',
        record_types: ['health_case', 'person'],
        fields: { person: ['date_of_birth', 'name_latin', 'phone'], health_case: ['result', 'test_date'] },
        actions: ['fetch', 'search'],
        disclosure: {
          person: { date_of_birth: 'generalised', name_latin: 'clear', phone: 'masked' },
          health_case: { result: 'predicate', test_date: 'clear' },
        },
        window_ends: NOW + 96 * 3600,
      },
    });
  });

  it('cuts down over-asking: unknown types, `none` fields and disallowed actions are dropped', () => {
    const d = decideRecordAccess(
      ask({ record_types: ['person', 'case'], fields: { person: ['name_latin', 'national_id', 'address'] }, actions: ['fetch', 'check'] }),
      partner,
      purpose(),
      [grant()],
      NOW,
    );
    expect(d).toMatchObject({
      ok: true,
      granted: { record_types: ['person'], fields: { person: ['name_latin'] }, actions: ['fetch'], disclosure: { person: { name_latin: 'clear' } } },
    });
  });

  it('refuses when nothing asked for is allowed, and when no asked action is allowed', () => {
    expect(decideRecordAccess(ask({ fields: { person: ['national_id'] }, record_types: ['person'] }), partner, purpose(), [grant()], NOW)).toMatchObject({
      ok: false,
      error: 'invalid_authorization_details',
    });
    expect(decideRecordAccess(ask({ actions: ['check'] }), partner, purpose(), [grant()], NOW)).toMatchObject({
      ok: false,
      error: 'invalid_authorization_details',
    });
  });

  it('gives an unknown, retired or foreign purpose the same answer', () => {
    for (const p of [null, purpose({ status: 'retired' }), purpose({ agencies: ['justice'] })]) {
      expect(decideRecordAccess(ask(), partner, p, [grant()], NOW)).toMatchObject({ ok: false, error: 'invalid_authorization_details' });
    }
  });

  it('refuses record access to data owners and privacy officers', () => {
    for (const kind of ['data_owner', 'privacy_officer'] as const) {
      expect(decideRecordAccess(ask(), { ...partner, kind }, purpose(), [grant()], NOW)).toMatchObject({ ok: false, error: 'unauthorized_client' });
    }
  });

  it.each<[string, Partial<Grant>]>([
    ['pending', { status: 'pending' }],
    ['suspended', { status: 'suspended' }],
    ['revoked', { status: 'revoked' }],
    ['expired', { status: 'expired' }],
    ['not yet started', { notBefore: NOW + 1 }],
    ['over', { notAfter: NOW }],
    ['of another agency', { agencyId: 'justice' }],
    ['of another purpose', { purposeId: 'other' }],
  ])('refuses with invalid_grant when the only grant is %s', (_label, over) => {
    expect(decideRecordAccess(ask(), partner, purpose(), [grant(over)], NOW)).toMatchObject({ ok: false, error: 'invalid_grant' });
  });

  it('refuses when the window ends too soon for a useful token', () => {
    expect(decideRecordAccess(ask(), partner, purpose(), [grant({ notAfter: NOW + MIN_USEFUL_TOKEN_LIFETIME - 1 })], NOW)).toMatchObject({
      ok: false,
      error: 'invalid_grant',
    });
    expect(decideRecordAccess(ask(), partner, purpose(), [grant({ notAfter: NOW + MIN_USEFUL_TOKEN_LIFETIME })], NOW)).toMatchObject({
      ok: true,
      lifetime: MIN_USEFUL_TOKEN_LIFETIME,
    });
  });

  it('caps the lifetime at the window end', () => {
    expect(decideRecordAccess(ask(), partner, purpose(), [grant({ notAfter: NOW + 90 })], NOW)).toMatchObject({ ok: true, lifetime: 90 });
  });

  it('picks the live grant ending last, or exactly the one asked for', () => {
    const early = grant({ id: 'grt_early00000000000', notAfter: NOW + 600 });
    const late = grant({ id: 'grt_late000000000000', notAfter: NOW + 6000 });
    expect(decideRecordAccess(ask(), partner, purpose(), [early, late], NOW)).toMatchObject({ ok: true, granted: { grant: late.id } });
    expect(decideRecordAccess(ask({ grant: early.id }), partner, purpose(), [early, late], NOW)).toMatchObject({ ok: true, granted: { grant: early.id } });
    expect(decideRecordAccess(ask({ grant: 'grt_unknown000000000' }), partner, purpose(), [early, late], NOW)).toMatchObject({
      ok: false,
      error: 'invalid_grant',
    });
  });

  it('carries a case-specific grant’s record ids', () => {
    expect(decideRecordAccess(ask(), partner, purpose(), [grant({ recordIds: ['p-1', 'p-2'] })], NOW)).toMatchObject({
      ok: true,
      granted: { record_ids: ['p-1', 'p-2'] },
    });
  });

  it('treats names of Object.prototype members as unknown, never as rules', () => {
    const d = decideRecordAccess(ask({ record_types: ['constructor'], fields: { person: ['name_latin'] } }), partner, purpose(), [grant()], NOW);
    expect(d).toMatchObject({ ok: false, error: 'invalid_authorization_details' });
    const e = decideRecordAccess(ask({ record_types: ['person'], fields: { person: ['constructor', 'name_latin'] } }), partner, purpose(), [grant()], NOW);
    expect(e).toMatchObject({ ok: true, granted: { fields: { person: ['name_latin'] } } });
  });
});

describe('decideRecordAccess properties', () => {
  const TYPES = ['person', 'health_case', 'case', 'constructor'];
  const FIELDS = ['name_latin', 'phone', 'national_id', 'date_of_birth', 'result', 'test_date', 'address', 'constructor'];
  const MODES: DisclosureMode[] = ['clear', 'masked', 'generalised', 'pseudonym', 'predicate', 'none'];
  const rulesArb = fc.dictionary(fc.constantFrom(...TYPES.slice(0, 3)), fc.dictionary(fc.constantFrom(...FIELDS.slice(0, 7)), fc.constantFrom(...MODES)));
  const requestArb = fc.record(
    {
      record_types: fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 5 }),
      fields: fc.dictionary(fc.constantFrom(...TYPES), fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 6 })),
      actions: fc.array(fc.constantFrom(...RECORD_ACTIONS), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
  const windowArb = fc.record({
    status: fc.constantFrom<GrantStatus>('pending', 'active', 'active', 'active', 'suspended', 'revoked', 'expired'),
    notBefore: fc.integer({ min: NOW - 1000, max: NOW + 100 }),
    length: fc.integer({ min: 1, max: 5000 }),
  });

  it('granted ⊆ requested ∩ purpose, no `none` field, lifetime within every bound', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.subarray([...RECORD_ACTIONS], { minLength: 1 }),
        fc.integer({ min: 30, max: MAX_ACCESS_TOKEN_LIFETIME }),
        requestArb,
        windowArb,
        (rules, actions, maxTokenLifetime, req, w) => {
          const p = purpose({ rules, actions, maxTokenLifetime });
          const g = grant({ status: w.status, notBefore: w.notBefore, notAfter: w.notBefore + w.length });
          const request = ask(req);
          const d = decideRecordAccess(request, partner, p, [g], NOW);
          if (!d.ok) return;
          const { granted, lifetime } = d;
          expect(g.status).toBe('active');
          expect(g.notBefore <= NOW && NOW < g.notAfter).toBe(true);
          expect(granted.record_types.length).toBeGreaterThan(0);
          for (const type of granted.record_types) {
            expect(Object.hasOwn(rules, type)).toBe(true);
            if (request.record_types !== undefined) expect(request.record_types).toContain(type);
            const fields = granted.fields[type] ?? [];
            expect(fields.length).toBeGreaterThan(0);
            for (const f of fields) {
              const mode = rules[type]?.[f];
              expect(Object.hasOwn(rules[type] ?? {}, f)).toBe(true);
              expect(mode).not.toBe('none');
              expect(granted.disclosure[type]?.[f]).toBe(mode);
              const asked = request.fields !== undefined && Object.hasOwn(request.fields, type) ? request.fields[type] : undefined;
              if (asked !== undefined) expect(asked).toContain(f);
            }
          }
          expect(Object.keys(granted.fields).sort()).toEqual([...granted.record_types]);
          for (const a of granted.actions) {
            expect(actions).toContain(a);
            if (request.actions !== undefined) expect(request.actions).toContain(a);
          }
          expect(lifetime).toBeLessThanOrEqual(g.notAfter - NOW);
          expect(lifetime).toBeLessThanOrEqual(maxTokenLifetime);
          expect(lifetime).toBeLessThanOrEqual(MAX_ACCESS_TOKEN_LIFETIME);
          expect(lifetime).toBeGreaterThanOrEqual(MIN_USEFUL_TOKEN_LIFETIME);
          expect(granted.window_ends).toBe(g.notAfter);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('decideRecordIngest', () => {
  it('grants the registered types a data owner asks for, deduplicated and sorted', () => {
    expect(decideRecordIngest({ type: 'record_ingest', record_types: ['person', 'case', 'person'] }, owner, 600)).toEqual({
      ok: true,
      lifetime: 600,
      granted: { type: 'record_ingest', record_types: ['case', 'person'] },
    });
  });
  it('refuses (does not cut down) a type the owner may not ingest', () => {
    expect(decideRecordIngest({ type: 'record_ingest', record_types: ['person', 'health_case'] }, owner, 600)).toMatchObject({
      ok: false,
      error: 'invalid_authorization_details',
    });
  });
  it('refuses ingest to partners and privacy officers, whatever their registration says', () => {
    for (const kind of ['partner', 'privacy_officer'] as const) {
      expect(decideRecordIngest({ type: 'record_ingest', record_types: ['person'] }, { ...owner, kind }, 600)).toMatchObject({
        ok: false,
        error: 'unauthorized_client',
      });
    }
  });
});
