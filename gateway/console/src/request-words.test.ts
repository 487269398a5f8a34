import { describe, expect, it } from 'vitest';
import type { Client } from './api.js';
import { describeRequest, type Registry } from './request-words.js';

const AT = '2026-11-23T01:00:00.000Z';
const client = (over: Partial<Client> = {}): Client => ({
  id: 'moh-tracing-app',
  kind: 'partner',
  agency_id: 'moh-tracing',
  name: 'Contact-tracing app',
  signing_jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid: 'sig-1' }] },
  encryption_jwk: null as unknown as Client['encryption_jwk'],
  ingest_types: [],
  roles: [],
  status: 'suspended',
  created_at: AT,
  updated_at: AT,
  ...over,
});
const registry: Registry = {
  agencies: [{ id: 'moh-tracing', name: 'Ministry of Health', name_km: null, created_at: AT }],
  clients: [
    client(),
    client({
      id: 'po-kanha',
      kind: 'privacy_officer',
      agency_id: 'privacy-office',
      name: 'Kanha',
      roles: ['leadership'],
      updated_at: '2026-11-24T00:00:00.000Z',
    }),
  ],
  officers: [
    { id: 'moh-officer-0042', agency_id: 'moh-tracing', name: 'Sreyneang Om', status: 'suspended', enrolled: false, code_expires_at: null, created_at: AT },
  ],
  purposes: [],
};
const agencyName = (id: string) => registry.agencies.find((a) => a.id === id)?.name ?? id;

describe('what a registry request changes, in words', () => {
  it('a new client: who, of which agency, with which keys', () => {
    expect(describeRequest({ kind: 'client.activate', target_id: 'moh-tracing-app', payload: {} }, registry, agencyName)).toEqual([
      {
        key: 'changeClientActivate',
        vars: { name: 'Contact-tracing app', id: 'moh-tracing-app', agency: 'Ministry of Health', kind: 'clientKindPartner' },
        keyed: ['kind'],
      },
      { key: 'changeSigningKeys', vars: { n: 1, names: 'sig-1' } },
    ]);
  });

  it('a client changed since it was registered is re-activated, and a leadership role is said', () => {
    const words = describeRequest({ kind: 'client.activate', target_id: 'po-kanha', payload: {} }, registry);
    expect(words[0]?.key).toBe('changeClientReactivate');
    expect(words.map((w) => w.key)).toContain('changeLeadershipRole');
  });

  it('new keys: how many, named as the agency would recognise them, and a new encryption key', () => {
    const payload = { signing_jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] }, encryption_jwk: { kty: 'EC', crv: 'P-256', x: 'c', y: 'd' } };
    expect(describeRequest({ kind: 'client.rekey', target_id: 'moh-tracing-app', payload }, registry).map((w) => [w.key, w.vars])).toEqual([
      ['changeClientRekey', { name: 'Contact-tracing app', id: 'moh-tracing-app' }],
      ['changeSigningKeys', { n: 1, names: 'EC P-256' }],
      ['changeEncryptionKey', {}],
    ]);
  });

  it('an officer: who, and that approving hands the approver their enrolment code', () => {
    expect(describeRequest({ kind: 'officer.create', target_id: 'moh-officer-0042', payload: {} }, registry, agencyName)).toEqual([
      { key: 'changeOfficerCreate', vars: { name: 'Sreyneang Om', id: 'moh-officer-0042', agency: 'Ministry of Health' } },
      { key: 'changeGivesCode', vars: {} },
    ]);
  });

  it('a widened purpose: each widening on its own line', () => {
    const words = describeRequest(
      { kind: 'purpose.update', target_id: 'p1', payload: { widenings: ['person.phone: masked → clear', 'allow_unblurred_media: false → true'] } },
      registry,
    );
    expect(words.map((w) => w.key)).toEqual(['changePurposeUpdate', 'changeWidening', 'changeWidening']);
  });

  it('a request about a client the list does not hold says so instead of guessing', () => {
    expect(describeRequest({ kind: 'client.activate', target_id: 'gone', payload: {} }, registry)).toEqual([
      { key: 'changeClientActivateUnknown', vars: { id: 'gone' } },
    ]);
  });
});
