/**
 * The tamper-evident log: every disclosure is appended before the answer leaves (fail-closed),
 * concurrent disclosures make exactly as many entries in one order, checkpoints are signed, and an
 * export verifies offline — and stops verifying when an entry is edited.
 */
import { parseCheckpoint, verifyCheckpoint, verifyConsistency, verifyExport, type AuditExport } from '@need2know/audit';
import { dpopProof } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { scheduledDeps } from './scheduled.js';
import { person, seed } from './disclosure-harness.js';

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function partner(gateway: ReturnType<typeof testGateway>) {
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear' } } as never, requestsPerMinute: 10_000, personsPerHour: 10_000 });
  await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const fetchRecord = async (id: string, env = gatewayEnv) => {
    const path = `/v1/records/person/${id}`;
    const proof = await dpopProof(client.dpopKey, 'GET', `${ISSUER}${path}`, token, gateway.clock.now);
    return gateway.app.request(`${ISSUER}${path}`, { headers: { authorization: `DPoP ${token}`, dpop: proof } }, env);
  };
  return { fetchRecord };
}

const logSize = async () => gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main')).size();

describe('tamper-evident audit log', () => {
  it('N concurrent disclosures make exactly N entries, in one order, with no gaps or duplicates', async () => {
    const gateway = testGateway();
    const ids = Array.from({ length: 40 }, () => uniq('p'));
    await seed(
      'person',
      ids.map((id) => person(id)),
    );
    const p = await partner(gateway);
    const before = await logSize();
    const responses = await Promise.all(ids.map((id) => p.fetchRecord(id)));
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 200));
    const after = await logSize();
    expect(after - before).toBe(40);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const exported = (await (await officer('GET', `/v1/audit/export?from=${before}&to=${after}`)).json()) as AuditExport;
    expect(exported.entries.map((e) => e.index)).toEqual(Array.from({ length: 40 }, (_, i) => before + i));
    const disclosed = new Set(responses.map((r) => r.headers.get('n2k-disclosure-id')));
    expect(new Set(exported.entries.map((e) => (e.entry as { id: string }).id))).toEqual(disclosed);
  });

  it('signs checkpoints with a published key; exports verify offline and fail, located, when edited', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway);
    await p.fetchRecord(id);
    const { vkey } = (await (await gateway.request('/v1/audit/key')).json()) as { vkey: string };
    const first = await (await gateway.request('/v1/audit/checkpoint')).text();
    expect(await verifyCheckpoint(first, vkey)).toBeTruthy();
    await p.fetchRecord(id);
    // Checkpoints are signed on the gateway's schedule, not when asked for.
    const { runHousekeeping } = await import('../../gateway/src/services/housekeeping.js');
    await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    const second = await (await gateway.request('/v1/audit/checkpoint')).text();
    const [a, b] = [parseCheckpoint(first), parseCheckpoint(second)];
    const { proof } = (await (await gateway.request(`/v1/audit/proofs/consistency?from=${a.size}&to=${b.size}`)).json()) as { proof: string[] };
    expect(b.size).toBeGreaterThan(a.size);
    expect(verifyConsistency(a.size, b.size, a.root, b.root, proof.map(b64))).toBe(true);

    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const exported = (await (await officer('GET', '/v1/audit/export?from=0')).json()) as AuditExport;
    expect(await verifyExport(exported, vkey)).toMatchObject({ ok: true });
    // Segments by time range verify too.
    const since = new Date((gateway.clock.now - 5) * 1000).toISOString();
    const byTime = (await (await officer('GET', `/v1/audit/export?since=${encodeURIComponent(since)}`)).json()) as AuditExport;
    expect(byTime.entries.length).toBeGreaterThan(0);
    expect(await verifyExport(byTime, vkey)).toMatchObject({ ok: true });
    const edited: AuditExport = structuredClone(exported);
    const target = edited.entries.at(-1);
    if (target === undefined) throw new Error('empty export');
    target.entry.outcome = 'not_found';
    const verdict = await verifyExport(edited, vkey);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? [] : verdict.problems).toContainEqual(expect.objectContaining({ code: 'ERR_ENTRY_MISMATCH', index: target.index }));
  });

  it('fails closed: no answer leaves when the log cannot be written', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id)]);
    const p = await partner(gateway);
    const brokenLog = {
      idFromName: () => gatewayEnv.AUDIT_LOG.idFromName('x'),
      get: () => ({ append: async () => Promise.reject(new Error('log unavailable')) }),
    };
    const res = await p.fetchRecord(id, { ...gatewayEnv, AUDIT_LOG: brokenLog as unknown as typeof gatewayEnv.AUDIT_LOG });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.text()).not.toContain('eyJ'); // no JOSE object in the body
  });
});

describe('what else the log records', () => {
  it('records token issuance and refusal, ingest, and (through housekeeping, once each) administrative events', async () => {
    const { runHousekeeping } = await import('../../gateway/src/services/housekeeping.js');
    const { requestToken } = await import('./harness.js');
    const gateway = testGateway();
    const agencyId = await createAgency();
    const owner = await createClient('data_owner', agencyId, { ingestTypes: ['person'] });
    const before = await logSize();
    const token = await accessTokenFor(gateway, owner, { type: 'record_ingest', record_types: ['person'] });
    const refused = await requestToken(gateway, owner, { authorization_details: JSON.stringify([{ type: 'record_ingest', record_types: ['case'] }]) });
    expect(refused.status).toBe(400);
    const path = '/v1/ingest/person';
    const proof = await dpopProof(owner.dpopKey, 'POST', `${ISSUER}${path}`, token, gateway.clock.now);
    const res = await gateway.request(path, {
      method: 'POST',
      headers: { authorization: `DPoP ${token}`, dpop: proof, 'content-type': 'application/json' },
      body: JSON.stringify(person(uniq('p'))),
    });
    expect(res.status).toBe(200);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    expect((await officer('POST', '/agencies', { id: uniq('agency'), name: 'Logged agency' })).status).toBe(201);
    const carried = (await runHousekeeping(...scheduledDeps(), gateway.clock.now)).loggedAdminEvents;
    expect(carried).toBeGreaterThan(0);
    expect((await runHousekeeping(...scheduledDeps(), gateway.clock.now)).loggedAdminEvents).toBe(0);

    const exported = (await (await officer('GET', `/v1/audit/export?from=${before}`)).json()) as AuditExport;
    const kinds = exported.entries.map((e) => `${String(e.entry.kind)}${e.entry.outcome === undefined ? '' : `:${String(e.entry.outcome)}`}`);
    expect(kinds).toEqual(expect.arrayContaining(['token:issued', 'token:refused', 'ingest', 'admin']));
    const ingest = exported.entries.find((e) => e.entry.kind === 'ingest')?.entry as { created: number; records: string[] };
    expect(ingest.created).toBe(1);
    expect(JSON.stringify(ingest)).not.toContain('Sok Chanthy');
  });
});
