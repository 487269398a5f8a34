/**
 * Administering statistics: a statistics grant or a wider public tier exists only once a second
 * privacy officer approves; narrowing applies at once; the public tier serves anyone without a token
 * and answers a repeated request from the register; revoking a grant stops its token at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenFor, adminSession, createAgency, createClient, gatewayEnv, requestToken, testGateway, uniq } from './harness.js';
import { getStats, seedDemo, type ReleaseJson } from './stats-harness.js';

beforeAll(async () => {
  await seedDemo(300, 'stats-admin');
}, 120_000);

const iso = (s: number) => new Date(s * 1000).toISOString();

async function officers(gateway: ReturnType<typeof testGateway>) {
  const agency = await createAgency();
  return [
    await adminSession(gateway, await createClient('privacy_officer', agency)),
    await adminSession(gateway, await createClient('privacy_officer', agency)),
  ] as const;
}

describe('statistics grants', () => {
  it('exist only once a second officer approves, and revoking one stops its token at once', async () => {
    const gateway = testGateway();
    const [first, second] = await officers(gateway);
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = uniq('safety-report');
    const asked = await first('POST', '/stats/grants', {
      agency_id: agencyId,
      purpose,
      legal_basis: 'Sub-decree on safe villages and communes, art. 9',
      tables: { crime: { threshold: 5, methods: ['suppression'] } },
      not_before: iso(gateway.clock.now - 60),
      not_after: iso(gateway.clock.now + 86_400),
      reason: 'quarterly report to the Ministry of Women’s Affairs',
    });
    expect(asked.status, await asked.clone().text()).toBe(202);
    const { pending_request: requestId, grant_id: grantId } = (await asked.json()) as { pending_request: string; grant_id: string };
    // Nothing exists yet: no token.
    const early = await requestToken(gateway, client, { authorization_details: JSON.stringify([{ type: 'stats_access', purpose }]) });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error: string }).error).toBe('invalid_grant');
    // The requester cannot approve their own request.
    const self = await first('POST', `/stats/requests/${requestId}/approve`, { reason: 'looks fine' });
    expect(self.status).toBe(403);
    expect(((await self.json()) as { code: string }).code).toBe('two_person_rule');
    expect((await second('POST', `/stats/requests/${requestId}/approve`, { reason: 'checked the legal basis' })).status).toBe(200);

    const token = await accessTokenFor(gateway, client, { type: 'stats_access', purpose });
    expect((await getStats(gateway, client, token, '/v1/stats/tables/crime?year=2025&period=year')).status).toBe(200);
    const listed = (await (await first('GET', '/stats/grants')).json()) as { grants: Array<{ id: string; status: string; approved_by: string }> };
    expect(listed.grants.find((g) => g.id === grantId)).toMatchObject({ status: 'active' });

    expect((await first('POST', `/stats/grants/${grantId}/revoke`, { reason: 'the report is done' })).status).toBe(200);
    expect((await getStats(gateway, client, token, '/v1/stats/tables/crime?year=2025&period=year')).status).toBe(401);
  });

  it('refuses a grant giving differential privacy without a budget that holds one release', async () => {
    const gateway = testGateway();
    const [first] = await officers(gateway);
    const response = await first('POST', '/stats/grants', {
      agency_id: await createAgency(),
      purpose: uniq('dp'),
      legal_basis: 'Law on statistics, art. 12',
      tables: { health: { threshold: 10, methods: ['dp'], max_epsilon: '1' } },
      epsilon_budget: '0.5',
      not_before: iso(gateway.clock.now),
      not_after: iso(gateway.clock.now + 86_400),
    });
    expect(response.status).toBe(400);
  });

  it('are refused to a record-access token, and a statistics token opens no record', async () => {
    const gateway = testGateway();
    const client = await createClient('partner', await createAgency());
    const metadata = (await (await gateway.request('/.well-known/oauth-authorization-server')).json()) as { authorization_details_types_supported: string[] };
    expect(metadata.authorization_details_types_supported).toContain('stats_access');
    const refused = await requestToken(gateway, client, { authorization_details: JSON.stringify([{ type: 'stats_access', purpose: 'no-such-purpose' }]) });
    expect(refused.status).toBe(400);
  });
});

describe('the public tier', () => {
  it('is off until a second officer approves turning it on; then anyone reads it, protected at its threshold', async () => {
    const gateway = testGateway();
    const [first, second] = await officers(gateway);
    const path = '/v1/stats/public/crime?level=province&period=month&year=2025&province=12&shape=series';
    expect((await gateway.request(path)).status).toBe(404);
    const asked = await first('PUT', '/stats/tables/crime/public', {
      enabled: true,
      threshold: 10,
      methods: ['suppression'],
      reason: 'publish the safe-village figures',
    });
    expect(asked.status).toBe(202);
    expect(((await asked.json()) as { widenings: string[] }).widenings).toEqual(['enable']);
    expect((await gateway.request(path)).status).toBe(404);
    const { requests } = (await (await second('GET', '/stats/requests')).json()) as { requests: Array<{ id: string; kind: string; target_id: string }> };
    const request = requests.find((r) => r.kind === 'public.update' && r.target_id === 'crime');
    expect((await second('POST', `/stats/requests/${request?.id}/approve`, { reason: 'approved by the data protection board' })).status).toBe(200);

    // No token: the chart's series for one province, criterion × month.
    const chart = await gateway.request(path);
    expect(chart.status).toBe(200);
    const body = (await chart.json()) as ReleaseJson & { series: { periods: string[]; groups: Array<{ counts: Array<number | null> }> } };
    expect(body.protection).toMatchObject({ method: 'suppression', threshold: 10 });
    expect(body.series.periods).toHaveLength(12);
    for (const g of body.series.groups) for (const v of g.counts) if (v !== null) expect(v === 0 || v >= 10).toBe(true);
    // Asked again: the same release, from the register (no new log entry).
    const again = (await (await gateway.request(path)).json()) as ReleaseJson;
    expect(again.release).toBe(body.release);

    const listed = (await (await gateway.request('/v1/stats/tables')).json()) as { tables: Array<{ table: string; public: { enabled: boolean } }> };
    expect(listed.tables.find((t) => t.table === 'crime')?.public.enabled).toBe(true);

    // Turning it off needs no second officer.
    expect((await first('PUT', '/stats/tables/crime/public', { enabled: false, threshold: 10, methods: ['suppression'], reason: 'paused' })).status).toBe(200);
    expect((await gateway.request('/v1/stats/public/crime?year=2025')).status).toBe(404);
  });

  it('can be previewed by a privacy officer while closed: the chart series the console draws, logged as the officer’s', async () => {
    const gateway = testGateway();
    const officer = await createClient('privacy_officer', await createAgency());
    const session = await adminSession(gateway, officer);
    const response = await session('GET', '/stats/tables/discipline/preview?period=month&year=2025&shape=series');
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReleaseJson & { series: { group: string; periods: string[]; groups: Array<{ code: string }> } };
    expect(body.protection).toMatchObject({ method: 'suppression', threshold: 10 });
    expect(body.series.group).toBe('measure');
    expect(body.series.groups.map((g) => g.code)).toEqual(['demotion', 'dismissal', 'suspension', 'warning']);
    expect(body.series.periods).toHaveLength(12);
    const row = await gatewayEnv.DB.prepare('SELECT consumer, purpose, client_id FROM stats_releases WHERE id = ?').bind(body.release).first();
    expect(row).toEqual({ consumer: `officer:${officer.id}`, purpose: 'preview', client_id: officer.id });
    expect((await session('GET', '/stats/tables/discipline/preview?period=year&year=2025&protection=dp')).status).toBe(403);
  });

  it('never goes below the public floor', async () => {
    const gateway = testGateway();
    const [first] = await officers(gateway);
    const response = await first('PUT', '/stats/tables/health/public', { enabled: true, threshold: 3, methods: ['suppression'] });
    expect(response.status).toBe(400);
  });

  it('loads a place list with one officer, recorded as an administrative event', async () => {
    const gateway = testGateway();
    const [first] = await officers(gateway);
    expect((await first('PUT', '/stats/places', { codes: ['12', '1201', '120101', '120102'], reason: 'gazetteer 2026' })).status).toBe(200);
    const event = await gatewayEnv.DB.prepare("SELECT detail FROM admin_events WHERE action = 'stats.places.replace' ORDER BY seq DESC LIMIT 1").first<{
      detail: string;
    }>();
    expect(JSON.parse(event?.detail ?? '{}')).toMatchObject({ codes: 4 });
    await gatewayEnv.DB.prepare('DELETE FROM stats_places').run();
  });
});

describe('API documentation', () => {
  it('documents the statistics routes and their schemas in /openapi.json', async () => {
    const doc = (await (await testGateway().request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of [
      '/v1/stats/tables',
      '/v1/stats/public/{table}',
      '/v1/stats/tables/{table}',
      '/v1/admin/stats/grants',
      '/v1/admin/stats/tables/{table}/public',
      '/v1/admin/stats/requests/{id}/approve',
      '/v1/admin/stats/ledger',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.schemas.StatsRelease).toMatchObject({ type: 'object' });
    expect(doc.components.schemas.StatsGrantCreate).toMatchObject({ type: 'object' });
  });
});
