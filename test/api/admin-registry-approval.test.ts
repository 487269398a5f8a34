/**
 * The two-person rule beyond grants: one privacy officer alone can neither create an identity that
 * can act (a privacy officer, a data owner), nor change a client's keys, nor widen a purpose.
 */
import { generateClientKeys, publicJwkOf } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { adminSession, createAgency, createClient, createPurpose, gatewayEnv, requestToken, testGateway, uniq } from './harness.js';

async function officers(gateway: ReturnType<typeof testGateway>) {
  const agency = await createAgency();
  const a = await adminSession(gateway, await createClient('privacy_officer', agency));
  const b = await adminSession(gateway, await createClient('privacy_officer', agency));
  return { a, b, agency };
}

const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

describe('registry changes need a second privacy officer', () => {
  it('a privacy officer registered by one officer cannot act until another approves', async () => {
    const gateway = testGateway();
    const { a, b, agency } = await officers(gateway);
    const keys = await generateClientKeys();
    const id = uniq('po');
    const created = await json<{ status: string; pending_requests: string[] }>(
      a('POST', '/clients', { id, kind: 'privacy_officer', agency_id: agency, name: 'Sock puppet', signing_jwks: { keys: [keys.public.signing] } }),
    );
    expect(created.status).toBe('suspended');
    expect(created.pending_requests).toHaveLength(1);
    const request = created.pending_requests[0] as string;
    expect((await json<{ code: string }>(a('POST', `/requests/${request}/approve`, { reason: 'self' }))).code).toBe('two_person_rule');
    expect((await json<{ status: string }>(a('GET', `/clients/${id}`))).status).toBe('suspended');
    expect((await b('POST', `/requests/${request}/approve`, { reason: 'checked the appointment letter' })).status).toBe(200);
    expect((await json<{ status: string }>(a('GET', `/clients/${id}`))).status).toBe('active');
  });

  it('new keys for a client take effect only after a second officer approves', async () => {
    const gateway = testGateway();
    const { a, b } = await officers(gateway);
    const partner = await createClient('partner', await createAgency());
    const attacker = await generateClientKeys();
    const changed = await json<{ pending_requests: string[]; signing_jwks: { keys: { x: string }[] } }>(
      a('PATCH', `/clients/${partner.id}`, {
        signing_jwks: { keys: [attacker.public.signing] },
        encryption_jwk: publicJwkOf(attacker.private.encryption),
        reason: 'rotation',
      }),
    );
    expect(changed.pending_requests).toHaveLength(1);
    expect(changed.signing_jwks.keys[0]?.x).not.toBe(attacker.public.signing.x);
    // The registered key still authenticates; nothing changed yet.
    expect((await requestToken(gateway, partner, { authorization_details: JSON.stringify([{ type: 'record_access', purpose: 'none' }]) })).status).not.toBe(
      401,
    );
    await b('POST', `/requests/${changed.pending_requests[0]}/reject`, { reason: 'not requested by the agency' });
    const after = await json<{ signing_jwks: { keys: { x: string }[] } }>(a('GET', `/clients/${partner.id}`));
    expect(after.signing_jwks.keys[0]?.x).not.toBe(attacker.public.signing.x);
  });

  it('a purpose is widened only after approval, narrowed at once', async () => {
    const gateway = testGateway();
    const { a, b, agency } = await officers(gateway);
    const purpose = await createPurpose([agency]);
    const current = await json<Record<string, unknown>>(a('GET', `/purposes/${purpose.id}`));
    const body = (rules: Record<string, Record<string, string>>) => ({
      title: current.title,
      legal_basis: current.legal_basis,
      description: current.description,
      rules,
      actions: current.actions,
      agencies: current.agencies,
      max_token_lifetime: current.max_token_lifetime,
      requests_per_minute: current.requests_per_minute,
      persons_per_hour: current.persons_per_hour,
      reason: 'review',
    });
    const wider = {
      ...(current.rules as Record<string, Record<string, string>>),
      person: { ...(current.rules as Record<string, Record<string, string>>).person, national_id: 'clear' },
    };
    const res = await a('PUT', `/purposes/${purpose.id}`, body(wider));
    expect(res.status).toBe(202);
    const pending = (await res.json()) as { pending_request: string; widenings: string[] };
    expect(pending.widenings).toEqual(['rules.person.national_id: none → clear']);
    expect((await json<{ rules: { person: Record<string, string> } }>(a('GET', `/purposes/${purpose.id}`))).rules.person.national_id).toBe('none');
    expect((await b('POST', `/requests/${pending.pending_request}/approve`, { reason: 'court order' })).status).toBe(200);
    expect((await json<{ rules: { person: Record<string, string> } }>(a('GET', `/purposes/${purpose.id}`))).rules.person.national_id).toBe('clear');

    const narrower = await a('PUT', `/purposes/${purpose.id}`, body({ person: { name_latin: 'clear' } }));
    expect(narrower.status).toBe(200);
    expect((await json<{ rules: Record<string, unknown> }>(a('GET', `/purposes/${purpose.id}`))).rules).toEqual({ person: { name_latin: 'clear' } });
  });

  it('an approval based on a stale state applies nothing', async () => {
    const gateway = testGateway();
    const { a, b } = await officers(gateway);
    const partner = await createClient('partner', await createAgency());
    const keys = await generateClientKeys();
    const changed = await json<{ pending_requests: string[] }>(
      a('PATCH', `/clients/${partner.id}`, { signing_jwks: { keys: [keys.public.signing] }, reason: 'rotation' }),
    );
    await a('PATCH', `/clients/${partner.id}`, { name: 'Renamed meanwhile', reason: 'typo' });
    const res = await b('POST', `/requests/${changed.pending_requests[0]}/approve`, { reason: 'ok' });
    expect(res.status).toBe(409);
    const row = await gatewayEnv.DB.prepare('SELECT signing_jwks FROM clients WHERE id = ?').bind(partner.id).first<{ signing_jwks: string }>();
    expect(row?.signing_jwks).not.toContain(keys.public.signing.x as string);
  });
});
