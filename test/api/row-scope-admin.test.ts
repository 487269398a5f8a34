/**
 * A grant's row scope through the admin API (issue 16): shown and taken in words and as data;
 * narrowing applies at once and is logged; widening waits for a second privacy officer, whom the
 * first cannot replace; never beyond the purpose's scope (a stable code); a partner cannot change it.
 */
import type { RowScope } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, callResource, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway } from './harness.js';

type Gateway = ReturnType<typeof testGateway>;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const scope = (over: Partial<RowScope>): RowScope => ({ places: null, from: null, until: null, links: [], ...over });

interface GrantOut {
  id: string;
  row_scope: RowScope | null;
  row_scope_words: { en: string; km: string };
  requests: { id: string; action: string; status: string; new_row_scope?: RowScope | null }[];
}

async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function scene(gateway: Gateway, purposeScope: RowScope | null = null) {
  const agencyId = await createAgency();
  const purpose = await createPurpose([agencyId]);
  if (purposeScope !== null) await gatewayEnv.DB.prepare('UPDATE purposes SET row_scope = ? WHERE id = ?').bind(JSON.stringify(purposeScope), purpose.id).run();
  const grant = await createGrant(
    purpose.id,
    agencyId,
    { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 },
    { rowScope: scope({ places: ['12'] }) },
  );
  const [a, b] = [await createClient('privacy_officer', agencyId), await createClient('privacy_officer', agencyId)];
  return { agencyId, purpose, grant, a: await adminSession(gateway, a), b: await adminSession(gateway, b) };
}

describe('row scope through the admin API', () => {
  it('a grant is created with its row scope and shows it in words, in English and Khmer', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const created = await json<GrantOut>(
      s.a('POST', '/grants', {
        purpose_id: s.purpose.id,
        agency_id: s.agencyId,
        not_before: iso(gateway.clock.now),
        not_after: iso(gateway.clock.now + 7200),
        data_life_seconds: 3600,
        row_scope: { places: ['12', '08', '12'], from: '2026-03-01' },
      }),
      201,
    );
    expect(created.row_scope).toEqual({ places: ['08', '12'], from: '2026-03-01', until: null, links: [] });
    expect(created.row_scope_words.en).toBe('Kandal and Phnom Penh; records since 1 March 2026');
    expect(created.row_scope_words.km).toContain('ភ្នំពេញ');
    const bad = await json<{ code: string }>(s.a('POST', `/grants/${s.grant.id}/scope`, { row_scope: { places: ['99'] }, reason: 'typo' }), 400);
    expect(bad.code).toBe('validation_failed');
  });

  it('narrowing applies at once and is logged as an administrative event', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const narrowed = await json<GrantOut>(
      s.a('POST', `/grants/${s.grant.id}/scope`, { row_scope: { places: ['1201'], from: '2026-03-01' }, reason: 'one district only' }),
    );
    expect(narrowed.row_scope).toEqual(scope({ places: ['1201'], from: '2026-03-01' }));
    expect(narrowed.requests.filter((r) => r.status === 'pending')).toEqual([]);
    const event = await gatewayEnv.DB.prepare("SELECT action FROM admin_events WHERE target_id = ? AND action = 'grant.scope'")
      .bind(s.grant.id)
      .first<{ action: string }>();
    expect(event?.action).toBe('grant.scope');
  });

  it('widening waits for a second officer; the first cannot approve his own; the second applies it', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const wider = scope({ places: ['08', '12'] });
    const asked = await json<GrantOut>(s.a('POST', `/grants/${s.grant.id}/scope`, { row_scope: wider, reason: 'the outbreak spread to Kandal' }));
    expect(asked.row_scope).toEqual(scope({ places: ['12'] }));
    const request = asked.requests.find((r) => r.status === 'pending');
    expect(request).toMatchObject({ action: 'scope', new_row_scope: wider });
    const own = await json<{ code: string }>(s.a('POST', `/grants/${s.grant.id}/requests/${request?.id}/approve`, { reason: 'mine' }), 403);
    expect(own.code).toBe('two_person_rule');
    const approved = await json<GrantOut>(s.b('POST', `/grants/${s.grant.id}/requests/${request?.id}/approve`, { reason: 'checked' }));
    expect(approved.row_scope).toEqual(wider);
    const removed = await json<GrantOut>(s.a('POST', `/grants/${s.grant.id}/scope`, { row_scope: null, reason: 'whole country' }));
    expect(removed.row_scope).toEqual(wider);
    expect(removed.requests.find((r) => r.status === 'pending')?.new_row_scope).toBeNull();
  });

  it("a scope beyond the purpose's is refused with a stable code, when asked and when created", async () => {
    const gateway = testGateway();
    const s = await scene(gateway, scope({ places: ['12'] }));
    const refused = await json<{ code: string }>(s.a('POST', `/grants/${s.grant.id}/scope`, { row_scope: { places: ['08'] }, reason: 'elsewhere' }), 403);
    expect(refused.code).toBe('row_scope_beyond_purpose');
    const created = await json<{ code: string; issues: { path: string; code: string }[] }>(
      s.a('POST', '/grants', {
        purpose_id: s.purpose.id,
        agency_id: s.agencyId,
        not_before: iso(gateway.clock.now),
        not_after: iso(gateway.clock.now + 7200),
        data_life_seconds: 3600,
        row_scope: { places: ['08'] },
      }),
      400,
    );
    expect(created.issues).toContainEqual(expect.objectContaining({ path: 'row_scope', code: 'row_scope_beyond_purpose' }));
    const inherited = await json<GrantOut>(
      s.a('POST', '/grants', {
        purpose_id: s.purpose.id,
        agency_id: s.agencyId,
        not_before: iso(gateway.clock.now),
        not_after: iso(gateway.clock.now + 7200),
        data_life_seconds: 3600,
      }),
      201,
    );
    expect(inherited.row_scope).toEqual(scope({ places: ['12'] }));
  });

  it('a purpose takes its row scope through the API; widening it waits for a second officer', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const body = {
      title: 'Outbreak tracing',
      legal_basis: 'Law on communicable diseases',
      rules: { person: { name_latin: 'clear' } },
      actions: ['fetch'],
      agencies: [s.agencyId],
    };
    const created = await json<{ etag?: string; row_scope: RowScope | null; row_scope_words: { en: string } }>(
      s.a('POST', '/purposes', { ...body, id: `p-${Date.now().toString(36)}`, row_scope: { places: ['12'] } }),
      201,
    );
    expect(created.row_scope).toEqual(scope({ places: ['12'] }));
    expect(created.row_scope_words.en).toBe('Phnom Penh');
    const id = (created as unknown as { id: string }).id;
    const wider = await s.a('PUT', `/purposes/${id}`, { ...body, row_scope: { places: ['12', '08'] }, reason: 'spread' });
    expect(wider.status).toBe(202);
    expect(JSON.stringify(await wider.json())).toContain('row_scope: places: + 08');
    const narrower = await json<{ row_scope: RowScope | null }>(
      s.a('PUT', `/purposes/${id}`, { ...body, row_scope: { places: ['1201'] }, reason: 'one district' }),
    );
    expect(narrower.row_scope).toEqual(scope({ places: ['1201'] }));
  });

  it('a partner cannot change a row scope', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const partner = await createClient('partner', s.agencyId);
    const token = await accessTokenFor(gateway, partner, { type: 'record_access', purpose: s.purpose.id });
    const response = await callResource(gateway, partner, token, `/v1/admin/grants/${s.grant.id}/scope`, {
      method: 'POST',
      body: JSON.stringify({ row_scope: null, reason: 'mine now' }),
      headers: { 'content-type': 'application/json' },
    });
    expect([401, 403]).toContain(response.status);
    const row = await gatewayEnv.DB.prepare('SELECT row_scope FROM grants WHERE id = ?').bind(s.grant.id).first<{ row_scope: string }>();
    expect(JSON.parse(row?.row_scope ?? 'null')).toEqual(scope({ places: ['12'] }));
  });
});
