/**
 * A registry request waiting for a second officer is decided once. An approval and a rejection sent
 * at the same time both read the request as pending; the one that commits second must change nothing
 * (409), so a rejected request is never applied, and the log never records two decisions.
 */
import { describe, expect, it } from 'vitest';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';

const ROUNDS = 4;

describe('a registry request is decided once', () => {
  it('an approval racing a rejection: exactly one wins, and the client is as the winner decided', async () => {
    const gateway = testGateway();
    const agency = await createAgency();
    const [a, b, c] = await Promise.all([1, 2, 3].map(async () => adminSession(gateway, await createClient('privacy_officer', agency))));
    if (a === undefined || b === undefined || c === undefined) throw new Error('no officers');
    for (let round = 0; round < ROUNDS; round++) {
      const partner = await createClient('partner', await createAgency());
      await a('PATCH', `/clients/${partner.id}`, { status: 'suspended', reason: 'audit' });
      const asked = (await (await a('PATCH', `/clients/${partner.id}`, { status: 'active', reason: 'audit done' })).json()) as { pending_requests: string[] };
      const request = asked.pending_requests[0] as string;
      const [approved, rejected] = await Promise.all([
        b('POST', `/requests/${request}/approve`, { reason: 'fine' }),
        c('POST', `/requests/${request}/reject`, { reason: 'not fine' }),
      ]);
      expect([approved.status, rejected.status].sort()).toEqual([200, 409]);
      const status = (await (await a('GET', `/clients/${partner.id}`)).json()) as { status: string };
      const decided = (await (await a('GET', `/requests?status=all&target_id=${partner.id}`)).json()) as { requests: { id: string; status: string }[] };
      const closed = decided.requests.find((r) => r.id === request)?.status;
      expect(closed).toBe(approved.status === 200 ? 'approved' : 'rejected');
      expect(status.status).toBe(closed === 'approved' ? 'active' : 'suspended');
      const { results } = await gatewayEnv.DB.prepare(
        "SELECT action FROM admin_events WHERE target_id = ? AND action IN ('client.activate.approve', 'client.activate.reject')",
      )
        .bind(partner.id)
        .all<{ action: string }>();
      expect(results).toHaveLength(1);
    }
  });
});
