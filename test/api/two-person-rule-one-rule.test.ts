/**
 * One approval rule for every change that waits for a second officer (`two-person-rule.ts`): the
 * officer who asked never gives the approval that completes it — not for a registry change, not for
 * a grant, and not as leadership for a grant they asked for, even holding the leadership role; closing
 * one's own request is a withdrawal, closing another's a rejection.
 */
import { describe, expect, it } from 'vitest';
import { adminSession, createAgency, createClient, createPurpose, testGateway, uniq } from './harness.js';

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const iso = (s: number) => new Date(s * 1000).toISOString();

interface GrantOut {
  id: string;
  status: string;
  leadership_approvals: string[];
  requests: { id: string; status: string }[];
}

describe('the two-person rule, asked the same way by every path', () => {
  it('the officer who asked for a grant cannot give it a leadership approval, even holding the leadership role', async () => {
    const gateway = testGateway();
    const office = await createAgency();
    const asker = await createClient('privacy_officer', office, { roles: ['leadership'] });
    const ask = await adminSession(gateway, asker);
    const leader = await createClient('privacy_officer', office, { roles: ['leadership'] });
    const other = await adminSession(gateway, leader);
    const agencyId = await createAgency();
    const purpose = await createPurpose([agencyId], { allowUnblurredMedia: true });
    const created = await ask('POST', '/grants', {
      purpose_id: purpose.id,
      agency_id: agencyId,
      not_before: iso(gateway.clock.now - 60),
      not_after: iso(gateway.clock.now + 96 * 3600),
      data_life_seconds: 3600,
      unblurred_media: true,
      note: 'photos of a wanted person',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const grant = await json<GrantOut>(created);

    const own = await ask('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'my own request' });
    expect(own.status).toBe(403);
    expect((await json<{ code: string }>(own)).code).toBe('two_person_rule');
    expect((await json<GrantOut>(ask('GET', `/grants/${grant.id}`))).leadership_approvals).toEqual([]);

    const second = await other('POST', `/grants/${grant.id}/leadership-approve`, { reason: 'court order 12/2026' });
    expect(second.status).toBe(200);
    expect((await json<GrantOut>(second)).leadership_approvals).toEqual([leader.id]);
  });

  it('closing one’s own request withdraws it and closing another’s rejects it, for registry requests and grants alike', async () => {
    const gateway = testGateway();
    const office = await createAgency();
    const a = await adminSession(gateway, await createClient('privacy_officer', office));
    const b = await adminSession(gateway, await createClient('privacy_officer', office));
    const agencyId = await createAgency();

    const officerRequest = async () =>
      (
        await json<{ pending_requests: string[] }>(
          a('POST', '/officers', { id: uniq('officer'), agency_id: agencyId, name: 'Sokha Chan', reason: 'new tracer' }),
        )
      ).pending_requests[0] as string;
    const mine = await officerRequest();
    expect((await json<{ status: string }>(a('POST', `/requests/${mine}/reject`, { reason: 'asked by mistake' }))).status).toBe('withdrawn');
    const theirs = await officerRequest();
    expect((await json<{ status: string }>(b('POST', `/requests/${theirs}/reject`, { reason: 'no appointment letter' }))).status).toBe('rejected');
    // A closed request can be neither approved nor closed again.
    expect((await b('POST', `/requests/${theirs}/approve`, { reason: 'changed my mind' })).status).toBe(409);
    expect((await a('POST', `/requests/${mine}/reject`, { reason: 'again' })).status).toBe(409);

    const purpose = await createPurpose([agencyId]);
    const grantRequest = async () => {
      const grant = await json<GrantOut>(
        a('POST', '/grants', {
          purpose_id: purpose.id,
          agency_id: agencyId,
          not_before: iso(gateway.clock.now - 60),
          not_after: iso(gateway.clock.now + 3600),
          data_life_seconds: 600,
          note: 'tracing',
        }),
      );
      return { grant: grant.id, request: grant.requests[0]?.id as string };
    };
    const own = await grantRequest();
    const withdrawn = await json<GrantOut>(a('POST', `/grants/${own.grant}/requests/${own.request}/reject`, { reason: 'asked by mistake' }));
    expect(withdrawn.requests[0]?.status).toBe('withdrawn');
    const other = await grantRequest();
    const rejected = await json<GrantOut>(b('POST', `/grants/${other.grant}/requests/${other.request}/reject`, { reason: 'no legal basis shown' }));
    expect(rejected.requests[0]?.status).toBe('rejected');
  });
});
