/**
 * Listing windows, "today" and "is a minor" are judged on the data owner's calendar (Asia/Phnom_Penh
 * unless N2K_TIME_ZONE says otherwise), not on the UTC date: at 17:00 UTC on 1 March it is already
 * 2 March in Phnom Penh, so a listing that ended on 1 March no longer counts and someone born on
 * 2 March 2008 is 18. Time is simulated at the day boundary.
 */
import { dpopProof } from '@need2know/client';
import { requestHash, requestTarget, sha256Base64url } from '@need2know/schema';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, ISSUER, TestClock, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';

const BOUNDARY = Date.parse('2026-03-01T17:00:00Z') / 1000; // midnight, 2 March, in Phnom Penh
const RULES = { person: { name_latin: 'clear', blacklist: 'predicate', minor: 'predicate' } };

async function scene(now: number) {
  const gateway = testGateway(Object.assign(new TestClock(), { now }));
  const id = uniq('p');
  await seed(
    'person',
    [
      person(id, {
        date_of_birth: '2008-03-02',
        blacklist: [{ list: 'drug_offence_officials', listed_from: '2025-03-01', listed_until: '2026-03-01', reference: 'PP-CT-2025-001' }],
      }),
    ],
    now,
  );
  const agencyId = await createAgency();
  const client = await createClient('partner', agencyId);
  const purpose = await createPurpose([agencyId], { rules: RULES as never });
  await createGrant(purpose.id, agencyId, { notBefore: now - 3600, notAfter: now + 3600 });
  const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
  return { gateway, id, client, token };
}

async function judged(now: number) {
  const s = await scene(now);
  const blacklisted = (
    await open(s.gateway, s.client, await call(s.gateway, s.client, s.token, 'POST', '/v1/checks/blacklist', { subject: { person_id: s.id } }))
  ).answer;
  const [record] = (await open(s.gateway, s.client, await call(s.gateway, s.client, s.token, 'GET', `/v1/records/person/${s.id}`))).records as {
    blacklist: boolean;
    minor: boolean;
  }[];
  return { blacklisted, listed: record?.blacklist, minor: record?.minor };
}

describe("dates are judged on the data owner's calendar", () => {
  it('one second before midnight in Phnom Penh: still listed, still a minor', async () => {
    expect(await judged(BOUNDARY - 1)).toEqual({ blacklisted: true, listed: true, minor: true });
  });

  it('at midnight in Phnom Penh (17:00 UTC, still 1 March in UTC): the listing ended, and 18 today', async () => {
    expect(await judged(BOUNDARY)).toEqual({ blacklisted: false, listed: false, minor: false });
  });

  it('the zone is configurable (N2K_TIME_ZONE): on UTC the same instant is still 1 March', async () => {
    const s = await scene(BOUNDARY);
    const path = '/v1/checks/blacklist';
    const body = JSON.stringify({ subject: { person_id: s.id } });
    const proof = await dpopProof(s.client.dpopKey, 'POST', `${ISSUER}${path}`, s.token, BOUNDARY);
    const response = await s.gateway.app.request(
      `${ISSUER}${path}`,
      { method: 'POST', headers: { authorization: `DPoP ${s.token}`, dpop: proof, 'content-type': 'application/json' }, body },
      { ...gatewayEnv, N2K_TIME_ZONE: 'UTC' },
    );
    const expectedHash = await requestHash({
      method: 'POST',
      target: requestTarget(new URL(path, ISSUER)),
      bodyHash: await sha256Base64url(body),
      dpopJti: String(decodeJwt(proof).jti),
    });
    const { answer } = await open(s.gateway, s.client, { status: response.status, response, body: await response.text(), expectedHash });
    expect(answer).toBe(true);
  });
});
