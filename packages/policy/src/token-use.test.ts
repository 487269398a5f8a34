/** Whether a token is usable now: decided against the client, grant and purpose as they stand now. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GrantedRecordAccess } from './authorization-details.js';
import { decideTokenUse, detailNow, fieldsNow, type TokenStanding } from './token-use.js';
import { RECORD_ACTIONS, type Grant, type Purpose } from './types.js';

const NOW = 1_800_000_000;

const purpose: Purpose = {
  id: 'covid-tracing',
  title: 't',
  legalBasis: 'l',
  description: '',
  rules: { person: { name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised', national_id: 'none' } },
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
};

const grant = {
  id: 'grt_aaaaaaaaaaaaaaaa',
  purposeId: 'covid-tracing',
  agencyId: 'moh',
  notBefore: NOW - 60,
  notAfter: NOW + 3600,
  dataLife: 3600,
  recordIds: null,
  status: 'active',
} as unknown as Grant;

const detail: GrantedRecordAccess = {
  type: 'record_access',
  purpose: 'covid-tracing',
  grant: 'grt_aaaaaaaaaaaaaaaa',
  record_types: ['person'],
  fields: { person: ['date_of_birth', 'name_latin', 'phone'] },
  actions: ['fetch', 'search'],
  disclosure: { person: { date_of_birth: 'generalised', name_latin: 'clear', phone: 'masked' } },
  window_ends: NOW + 3600,
};

const standing = (over: Partial<TokenStanding> = {}): TokenStanding => ({
  revoked: false,
  client: { kind: 'partner', agencyId: 'moh', status: 'active' },
  grant,
  purpose,
  ...over,
});

describe('decideTokenUse', () => {
  it('allows a token whose purpose, grant and client are unchanged, with what it was issued for', () => {
    const use = decideTokenUse(detail, standing(), NOW);
    expect(use).toMatchObject({ usable: true, recordAccess: { actions: ['fetch', 'search'], disclosure: detail.disclosure, recordIds: null } });
    if (use.usable && use.recordAccess !== undefined) expect(detailNow(detail, use.recordAccess)).toEqual(detail);
  });

  it('takes actions from the purpose now: a removed action is gone, a removed last action refuses', () => {
    expect(decideTokenUse(detail, standing({ purpose: { ...purpose, actions: ['fetch'] } }), NOW)).toMatchObject({
      usable: true,
      recordAccess: { actions: ['fetch'] },
    });
    expect(decideTokenUse({ ...detail, actions: ['search'] }, standing({ purpose: { ...purpose, actions: ['fetch'] } }), NOW)).toMatchObject({
      usable: false,
      code: 'insufficient_scope',
    });
  });

  it('refuses when the purpose is retired or no longer open to the agency', () => {
    expect(decideTokenUse(detail, standing({ purpose: { ...purpose, status: 'retired' } }), NOW)).toMatchObject({ usable: false, code: 'insufficient_scope' });
    expect(decideTokenUse(detail, standing({ purpose: { ...purpose, agencies: ['justice'] } }), NOW)).toMatchObject({
      usable: false,
      code: 'insufficient_scope',
    });
    expect(decideTokenUse(detail, standing({ purpose: null }), NOW)).toMatchObject({ usable: false });
  });

  it('takes fields and modes from the purpose now, and refuses when none is left', () => {
    const narrowed = { ...purpose, rules: { person: { name_latin: 'pseudonym', phone: 'none' } } } as Purpose;
    expect(decideTokenUse(detail, standing({ purpose: narrowed }), NOW)).toMatchObject({
      usable: true,
      recordAccess: { disclosure: { person: { name_latin: 'pseudonym' } } },
    });
    const empty = { ...purpose, rules: { person: { national_id: 'masked' } } } as Purpose;
    expect(decideTokenUse(detail, standing({ purpose: empty }), NOW)).toMatchObject({ usable: false, code: 'insufficient_scope' });
  });

  it('refuses a revoked token, a suspended or unknown client, and a grant that is not live or not the one named', () => {
    expect(decideTokenUse(detail, standing({ revoked: true }), NOW)).toMatchObject({ usable: false, code: 'invalid_token' });
    expect(decideTokenUse(detail, standing({ client: { kind: 'partner', agencyId: 'moh', status: 'suspended' } }), NOW)).toMatchObject({
      usable: false,
      code: 'invalid_token',
    });
    expect(decideTokenUse(detail, standing({ client: null }), NOW)).toMatchObject({ usable: false, code: 'invalid_token' });
    for (const g of [
      { ...grant, status: 'suspended' },
      { ...grant, notAfter: NOW },
      { ...grant, id: 'grt_bbbbbbbbbbbbbbbb' },
      { ...grant, agencyId: 'justice' },
      { ...grant, purposeId: 'other' },
    ] as Grant[]) {
      expect(decideTokenUse(detail, standing({ grant: g }), NOW)).toMatchObject({ usable: false, code: 'invalid_token' });
    }
    expect(decideTokenUse(detail, standing({ grant: null }), NOW)).toMatchObject({ usable: false, code: 'invalid_token' });
  });

  it('does not let a data owner or privacy officer use a record-access detail', () => {
    expect(decideTokenUse(detail, standing({ client: { kind: 'data_owner', agencyId: 'moh', status: 'active' } }), NOW)).toMatchObject({ usable: false });
  });

  it('checks only the client and revocation for tokens without record access', () => {
    expect(decideTokenUse(undefined, standing({ grant: null, purpose: null }), NOW)).toEqual({ usable: true });
    expect(decideTokenUse(undefined, standing({ revoked: true }), NOW)).toMatchObject({ usable: false });
  });

  it('never allows more than the token was issued for nor more than the purpose allows now', () => {
    const actions = fc.subarray([...RECORD_ACTIONS], { minLength: 1 });
    fc.assert(
      fc.property(actions, actions, (tokenActions, purposeActions) => {
        const use = decideTokenUse({ ...detail, actions: tokenActions }, standing({ purpose: { ...purpose, actions: purposeActions } }), NOW);
        if (!use.usable) return tokenActions.every((a) => !purposeActions.includes(a));
        return (use.recordAccess?.actions ?? []).every((a) => tokenActions.includes(a) && purposeActions.includes(a));
      }),
    );
  });
});

describe('fieldsNow', () => {
  it('ignores inherited names and types the token does not name', () => {
    expect(fieldsNow(detail, purpose, 'constructor')).toBeNull();
    expect(fieldsNow({ ...detail, fields: { person: ['toString', 'name_latin'] } }, purpose, 'person')).toEqual({ name_latin: 'clear' });
    expect(fieldsNow(detail, purpose, 'case')).toBeNull();
  });
});
