/** Which token kind a route accepts: the detail or scope it must carry, and the kind of client that holds it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_SCOPE, decideAccessKind, OFFICER_SCOPE, TOKEN_KINDS, type KindToken, type TokenKind } from './access-kinds.js';
import type { GrantedRecordAccess, GrantedRecordIngest, GrantedStatsAccess } from './authorization-details.js';
import { CLIENT_KINDS, type ClientKind } from './types.js';

const recordAccess: GrantedRecordAccess = {
  type: 'record_access',
  purpose: 'covid-tracing',
  grant: 'grt_aaaaaaaaaaaaaaaa',
  record_types: ['person'],
  fields: { person: ['name_latin'] },
  actions: ['fetch'],
  disclosure: { person: { name_latin: 'clear' } },
  window_ends: 1_800_003_600,
};
const recordIngest: GrantedRecordIngest = { type: 'record_ingest', record_types: ['person'] };
const statsAccess: GrantedStatsAccess = {
  type: 'stats_access',
  purpose: 'stats',
  grant: 'sgr_aaaaaaaaaaaaaaaa',
  tables: ['cases_by_month'],
  window_ends: 1_800_003_600,
};

/** Every token shape the token endpoint issues, by the client kind it issues it to. */
const ISSUED: readonly { readonly token: KindToken; readonly client: ClientKind; readonly kind: TokenKind }[] = [
  { token: { authorization_details: [recordAccess] }, client: 'partner', kind: 'record_access' },
  { token: { authorization_details: [recordAccess] }, client: 'officer', kind: 'record_access' },
  { token: { authorization_details: [recordIngest] }, client: 'data_owner', kind: 'record_ingest' },
  { token: { scope: ADMIN_SCOPE }, client: 'privacy_officer', kind: 'admin' },
  { token: { scope: OFFICER_SCOPE }, client: 'officer', kind: 'officer' },
  { token: { authorization_details: [statsAccess] }, client: 'partner', kind: 'stats_access' },
];

describe('decideAccessKind', () => {
  it('serves each kind its own token, with the detail it is served under', () => {
    expect(decideAccessKind('record_access', { authorization_details: [recordAccess] }, 'partner')).toEqual({ ok: true, kind: 'record_access', recordAccess });
    expect(decideAccessKind('record_ingest', { authorization_details: [recordIngest] }, 'data_owner')).toEqual({
      ok: true,
      kind: 'record_ingest',
      recordIngest,
    });
    expect(decideAccessKind('admin', { scope: 'admin' }, 'privacy_officer')).toEqual({ ok: true, kind: 'admin' });
    expect(decideAccessKind('officer', { scope: 'officer' }, 'officer')).toEqual({ ok: true, kind: 'officer' });
    expect(decideAccessKind('stats_access', { authorization_details: [statsAccess] }, 'partner')).toEqual({ ok: true, kind: 'stats_access', statsAccess });
  });

  it('never serves a token on a route of another kind', () => {
    for (const issued of ISSUED)
      for (const kind of TOKEN_KINDS)
        expect(decideAccessKind(kind, issued.token, issued.client).ok, `${issued.kind} token of a ${issued.client} on a ${kind} route`).toBe(
          kind === issued.kind,
        );
  });

  it('refuses a scope or detail held by the wrong kind of client', () => {
    expect(decideAccessKind('admin', { scope: ADMIN_SCOPE }, 'officer')).toEqual({ ok: false, reason: 'not an admin token' });
    expect(decideAccessKind('admin', { scope: ADMIN_SCOPE }, 'partner').ok).toBe(false);
    expect(decideAccessKind('officer', { scope: OFFICER_SCOPE }, 'privacy_officer')).toEqual({ ok: false, reason: 'not an officer token' });
    expect(decideAccessKind('record_ingest', { authorization_details: [recordIngest] }, 'partner')).toEqual({ ok: false, reason: 'not an ingest token' });
    expect(decideAccessKind('stats_access', { authorization_details: [statsAccess] }, 'officer')).toEqual({ ok: false, reason: 'not a statistics token' });
    expect(decideAccessKind('stats_access', { authorization_details: [statsAccess] }, 'data_owner').ok).toBe(false);
  });

  it('refuses a token with no scope and no detail on every route', () => {
    for (const kind of TOKEN_KINDS) for (const client of CLIENT_KINDS) expect(decideAccessKind(kind, {}, client).ok).toBe(false);
    expect(decideAccessKind('record_access', {}, 'partner')).toEqual({ ok: false, reason: 'not a record-access token' });
  });

  it('takes a scope only as the whole, exact value', () => {
    for (const scope of ['Admin', 'admin ', 'admin officer', 'officer admin', '', 'administrator'])
      expect(decideAccessKind('admin', { scope }, 'privacy_officer').ok, JSON.stringify(scope)).toBe(false);
    expect(decideAccessKind('officer', { scope: 'officer admin' }, 'officer').ok).toBe(false);
  });

  it('an admin or officer route is opened by its scope and client kind alone, never by a detail', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TokenKind>('admin', 'officer'),
        fc.option(fc.string(), { nil: undefined }),
        fc.subarray([recordAccess, recordIngest, statsAccess]),
        fc.constantFrom(...CLIENT_KINDS),
        (kind, scope, details, client) => {
          const expected = kind === 'admin' ? scope === ADMIN_SCOPE && client === 'privacy_officer' : scope === OFFICER_SCOPE && client === 'officer';
          return decideAccessKind(kind, { ...(scope === undefined ? {} : { scope }), authorization_details: details }, client).ok === expected;
        },
      ),
    );
  });
});
