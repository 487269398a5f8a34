import { describe, expect, it } from 'vitest';
import { accessTokenFor, callResource, partnerWithLiveGrant, testGateway } from './harness.js';

describe('smoke', () => {
  it('issues a purpose-bound token and accepts it at a resource', async () => {
    const gateway = testGateway();
    const { client, purpose, grant } = await partnerWithLiveGrant(gateway.clock);
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const response = await callResource(gateway, client, token, '/v1/session');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { grant: string; purpose: string };
    expect(body.grant).toBe(grant.id);
    expect(body.purpose).toBe(purpose.id);
  });
});
