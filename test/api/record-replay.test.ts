/**
 * Record routes spend the request's DPoP proof in the same atomic call to the log that counts the
 * request and writes its entry. A proof presented again is refused (RFC 9449 §11.1) whatever the
 * first answer was — a disclosure, a 404, a refusal before the log call — and a replay is neither
 * counted nor logged; of two identical requests racing, exactly one is answered.
 */
import { dpopProof, readCompactBody } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;

async function scene(gateway: Gateway, requestsPerMinute = 60) {
  const id = uniq('p');
  await seed('person', [person(id, { red_notice: true })]);
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], {
    rules: { person: { name_latin: 'clear', phone: 'clear', red_notice: 'predicate' } } as never,
    requestsPerMinute,
  });
  const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  const proofFor = (method: string, path: string) => dpopProof(client.dpopKey, method, `${ISSUER}${path}`, token, gateway.clock.now);
  /** Sends `method path` with `proof` (a fresh one when omitted); returns the status and the proof used. */
  const send = async (method: string, path: string, body?: unknown, proof?: string) => {
    const used = proof ?? (await proofFor(method, path));
    const res = await gateway.request(path, {
      method,
      headers: { authorization: `DPoP ${token}`, dpop: used, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await readCompactBody(res);
    return { status: res.status, code: res.status === 200 ? null : (JSON.parse(text) as { code: string }).code, proof: used };
  };
  const logged = async () => {
    await flushDisclosureIndex(storesOf(gatewayEnv));
    return (
      await gatewayEnv.DB.prepare('SELECT outcome FROM disclosures WHERE grant_id = ? ORDER BY log_index').bind(grant.id).all<{ outcome: string }>()
    ).results.map((r) => r.outcome);
  };
  return { id, send, proofFor, logged };
}

describe('a DPoP proof is spent with the log entry of its answer', () => {
  it('refuses a replayed fetch, and neither counts nor logs the replay', async () => {
    const gateway = testGateway();
    const s = await scene(gateway, 2);
    const first = await s.send('GET', `/v1/records/person/${s.id}`);
    expect(first.status).toBe(200);
    expect(await s.send('GET', `/v1/records/person/${s.id}`, undefined, first.proof)).toMatchObject({ status: 401, code: 'invalid_dpop_proof' });
    // The replay cost nothing: the second real request is still within the limit of two.
    expect((await s.send('GET', `/v1/records/person/${s.id}`)).status).toBe(200);
    expect((await s.send('GET', `/v1/records/person/${s.id}`)).status).toBe(429);
    expect(await s.logged()).toEqual(['disclosed', 'disclosed', 'rate_limited']);
  });

  it('answers exactly one of two identical requests sent at once', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const path = `/v1/records/person/${s.id}`;
    const proof = await s.proofFor('GET', path);
    const pair = await Promise.all([s.send('GET', path, undefined, proof), s.send('GET', path, undefined, proof)]);
    expect(pair.map((r) => r.status).sort()).toEqual([200, 401]);
    expect(await s.logged()).toEqual(['disclosed']);
  });

  it('refuses a replayed 404, search and check, and a replay of a request refused before its log call', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const missingPath = `/v1/records/person/${uniq('p')}`;
    const missing = await s.send('GET', missingPath);
    expect(missing.status).toBe(404);
    expect(await s.send('GET', missingPath, undefined, missing.proof)).toMatchObject({ status: 401, code: 'invalid_dpop_proof' });

    const terms = { search: 'phone', terms: { phone: '+85512000001' } };
    const search = await s.send('POST', '/v1/records/person/search', terms);
    expect(search.status).toBe(200);
    expect((await s.send('POST', '/v1/records/person/search', terms, search.proof)).status).toBe(401);

    const subject = { subject: { person_id: s.id } };
    const check = await s.send('POST', '/v1/checks/red_notice', subject);
    expect(check.status).toBe(200);
    expect((await s.send('POST', '/v1/checks/red_notice', subject, check.proof)).status).toBe(401);

    // Refused before any log call (the purpose does not cover cases): the proof is spent all the same.
    const casePath = `/v1/records/case/${uniq('c')}`;
    const early = await s.send('GET', casePath);
    expect(early.status).toBe(403);
    expect((await s.send('GET', casePath, undefined, early.proof)).status).toBe(401);
    expect(await s.logged()).toEqual(['not_found', 'disclosed', 'disclosed']);
  });
});
