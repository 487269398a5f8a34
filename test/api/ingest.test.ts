import { describe, expect, it } from 'vitest';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { blindIndex } from '@need2know/crypto';
import { idsByTag, recordVersions } from '../../gateway/src/store/d1/records.js';
import { accessTokenFor, callResource, createAgency, createClient, gatewayEnv, partnerWithLiveGrant, testGateway, uniq } from './harness.js';
import { keyRingSourceOf } from '../../gateway/src/services/stores.js';

function person(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    national_id: '012345678',
    name_km: 'សុខ ចាន់ធី',
    name_latin: 'Sok Chanthy',
    sex: 'F',
    date_of_birth: '1990-04-12',
    phone: '012 345 678',
    address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
    red_notice: false,
    ...overrides,
  };
}

async function owner(gateway: ReturnType<typeof testGateway>, types = ['person', 'case']) {
  const agency = await createAgency();
  const client = await createClient('data_owner', agency, { ingestTypes: types });
  const token = await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: types });
  const ingest = (type: string, body: unknown) =>
    callResource(gateway, client, token, `/v1/ingest/${type}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { agency, client, ingest };
}

const countRecords = async () => (await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM records').first<{ n: number }>())?.n ?? 0;

describe('POST /v1/ingest/{type}', () => {
  it('creates, is idempotent for an unchanged record, and versions a changed one', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const id = uniq('p');
    const first = await ingest('person', person(id));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ created: 1, results: [{ id, version: 1, outcome: 'created' }] });

    const again = await ingest('person', person(id, { phone: '+85512345678' })); // same number, other format
    expect(await again.json()).toMatchObject({ unchanged: 1, results: [{ id, version: 1, outcome: 'unchanged' }] });

    const changed = await ingest('person', person(id, { phone: '097 765 4321' }));
    expect(await changed.json()).toMatchObject({ updated: 1, results: [{ id, version: 2, outcome: 'updated' }] });

    const versions = await recordVersions(gatewayEnv.DB, 'person', id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // The blind index follows the current version only.
    const ring = await keyRing(keyRingSourceOf(gatewayEnv));
    const newTag = blindIndex(ring, { recordType: 'person', search: 'phone' }, ['+855977654321']);
    const oldTag = blindIndex(ring, { recordType: 'person', search: 'phone' }, ['+85512345678']);
    expect(await idsByTag(gatewayEnv.DB, 'person', 'phone', newTag, 10)).toContain(id);
    expect(await idsByTag(gatewayEnv.DB, 'person', 'phone', oldTag, 10)).not.toContain(id);
  });

  it('stores sensitive fields sealed and only declared facets in clear', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const id = uniq('c');
    const res = await ingest('case', {
      id,
      case_number: 'PP-2026-000123',
      criterion: 2,
      offence: 'Drug trafficking',
      occurred_on: '2026-03-14',
      place: { province: '12', district: '1201', commune: '120101', village: '12010101' },
      status: 'under_investigation',
      handling_unit: 'Anti-drug police, Phnom Penh',
      narrative: 'Synthetic narrative of the facts.',
      sensitivity: 'normal',
    });
    expect(res.status).toBe(200);
    const [row] = await recordVersions(gatewayEnv.DB, 'case', id);
    expect(row?.facets).toEqual({ criterion: 2, month: '2026-03', commune: '120101', sensitivity: 'normal' });
    expect(row?.plain).toEqual({ criterion: 2, sensitivity: 'normal' });
    expect(Object.keys(row?.sealed ?? {}).sort()).toEqual(['case_number', 'handling_unit', 'narrative', 'occurred_on', 'offence', 'place', 'status']);
    for (const envelope of Object.values(row?.sealed ?? {})) expect(envelope).toMatch(/^n2kf1\./);
  });

  it('refuses a whole batch with a per-record report when one record is invalid, storing nothing', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const before = await countRecords();
    const res = await ingest('person', {
      records: [person(uniq('p')), person(uniq('p'), { phone: 'not-a-phone-SECRET' }), person(uniq('p'), { date_of_birth: '2026-02-30' })],
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { code: string; issues: { path: string; code: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/records/1/phone', '/records/2/date_of_birth']));
    expect(JSON.stringify(problem)).not.toContain('SECRET');
    expect(await countRecords()).toBe(before);
  });

  it('refuses duplicate ids in one batch', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const id = uniq('p');
    const res = await ingest('person', { records: [person(id), person(id)] });
    expect(res.status).toBe(422);
  });

  it('refuses an id owned by another data owner', async () => {
    const gateway = testGateway();
    const a = await owner(gateway);
    const b = await owner(gateway);
    const id = uniq('p');
    expect((await a.ingest('person', person(id))).status).toBe(200);
    const res = await b.ingest('person', person(id, { name_latin: 'Someone Else' }));
    expect(res.status).toBe(409);
    expect((await recordVersions(gatewayEnv.DB, 'person', id)).length).toBe(1);
  });

  it('refuses a type the token does not cover, and partner tokens', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway, ['person']);
    expect((await ingest('case', { id: uniq('c') })).status).toBe(403);
    const { client, purpose } = await partnerWithLiveGrant(gateway.clock);
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const res = await callResource(gateway, client, token, '/v1/ingest/person', {
      method: 'POST',
      body: JSON.stringify(person(uniq('p'))),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(403);
  });
});
