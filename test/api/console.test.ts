/**
 * The privacy officer's console as the gateway serves it, and the admin API it reads: the page and
 * its assets under a strict policy, no cookie; writes from another site refused; the record-type
 * catalogue the purpose editor offers; the day-by-day disclosure report in the officer's time zone.
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_VERSION } from '../../gateway/src/http/console/generated/assets.js';
import { adminSession, createAgency, createClient, gatewayEnv, ISSUER, TestClock, testGateway, uniq } from './harness.js';

describe('console page', () => {
  it('is served with a strict content security policy, no cookie, and hashed assets', async () => {
    const { request } = testGateway();
    const page = await request('/console');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/); // no inline style or handler

    const script = await request(`/console/assets/app-${CONSOLE_VERSION}.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await request(`/console/assets/style-${CONSOLE_VERSION}.css`)).status).toBe(200);
    expect((await request('/console/assets/app-0000000000000000.js')).status).toBe(404);
    const slash = await request('/console/');
    expect(slash.status).toBe(308);
    expect(slash.headers.get('location')).toBe('/console');
  });

  it('leaves the API under its own, stricter policy', async () => {
    const { request } = testGateway();
    expect((await request('/healthz')).headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await request('/healthz')).headers.get('content-security-policy')).not.toContain('script-src');
  });
});

describe('writes from another site', () => {
  it('are refused before anything changes; the console and the command line get through', async () => {
    const gateway = testGateway();
    const officer = await createClient('privacy_officer', await createAgency());
    const admin = await adminSession(gateway, officer);
    const fromCli = await admin('POST', '/agencies', { id: uniq('agency'), name: 'From the command line' });
    expect(fromCli.status).toBe(201); // no browser headers: a command-line client

    const fromElsewhere = await adminSessionWithHeaders(gateway, officer, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    const other = uniq('agency');
    const refused = await fromElsewhere('POST', '/agencies', { id: other, name: 'From another site' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('forbidden');
    const list = (await (await admin('GET', '/agencies')).json()) as { agencies: { id: string }[] };
    expect(list.agencies.some((a) => a.id === other)).toBe(false);

    const fromConsole = await adminSessionWithHeaders(gateway, officer, { origin: ISSUER, 'sec-fetch-site': 'same-origin' });
    expect((await fromConsole('POST', '/agencies', { id: uniq('agency'), name: 'From the console' })).status).toBe(201);
    // Reads are never blocked (they change nothing).
    expect((await fromElsewhere('GET', '/agencies')).status).toBe(200);
  });
});

/** An admin session whose requests carry browser headers. */
async function adminSessionWithHeaders(
  gateway: ReturnType<typeof testGateway>,
  officer: Awaited<ReturnType<typeof createClient>>,
  extra: Record<string, string>,
) {
  const call = await adminSession(gateway, officer);
  const original = gateway.request;
  return async (method: string, path: string, body?: unknown) => {
    gateway.request = (p, init = {}) => original(p, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), ...extra } });
    try {
      return await call(method, path, body);
    } finally {
      gateway.request = original;
    }
  };
}

describe('record-type catalogue', () => {
  it('offers exactly the modes purpose validation accepts, and the id is never withheld', async () => {
    const gateway = testGateway();
    const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const { record_types } = (await (await admin('GET', '/record-types')).json()) as {
      record_types: { name: string; fields: { name: string; modes: string[]; when_absent: string }[] }[];
    };
    const person = record_types.find((t) => t.name === 'person');
    expect(person?.fields.find((f) => f.name === 'id')).toMatchObject({ modes: ['clear', 'pseudonym'], when_absent: 'clear' });
    expect(person?.fields.find((f) => f.name === 'national_id')?.modes).toEqual(['clear', 'masked', 'pseudonym', 'predicate', 'none']);
    expect(person?.fields.find((f) => f.name === 'sex')?.modes).toEqual(['clear', 'none']);

    // Every offered mode of every field is accepted by the purpose check, and the next one is not.
    const agency = await createAgency();
    for (const type of record_types) {
      const rules = { [type.name]: Object.fromEntries(type.fields.map((f) => [f.name, f.modes[0]])) };
      const created = await admin('POST', '/purposes', {
        id: uniq('p'),
        title: 'All fields',
        legal_basis: 'Test',
        rules,
        actions: ['fetch'],
        agencies: [agency],
      });
      expect(created.status, type.name).toBe(201);
    }
    const refused = await admin('POST', '/purposes', {
      id: uniq('p'),
      title: 'Bad',
      legal_basis: 'Test',
      rules: { person: { sex: 'masked' } },
      actions: ['fetch'],
      agencies: [agency],
    });
    expect(refused.status).toBe(400);
  });
});

describe('daily disclosure report', () => {
  // 2026-11-23 12:00 in Phnom Penh.
  const NOW = Date.parse('2026-11-23T05:00:00Z') / 1000;

  async function seedDisclosures(agency: string, purpose: string, rows: [string, string][]) {
    await gatewayEnv.DB.batch(
      rows.map(([at, outcome], i) =>
        gatewayEnv.DB.prepare(
          `INSERT INTO disclosures (id, at, client_id, agency_id, purpose_id, grant_id, action, record_type, subjects, fields, request_hash, response_hash, outcome, log_index)
           VALUES (?, ?, 'c', ?, ?, 'grt_x', 'fetch', 'person', '[]', '{}', 'h', 'h', ?, ?)`,
        ).bind(uniq('dsc'), Date.parse(at) / 1000, agency, purpose, outcome, i),
      ),
    );
  }

  it('counts per local day of the officer’s time zone, with refusals and rate-limit hits', async () => {
    const clock = new TestClock();
    clock.now = NOW;
    const gateway = testGateway(clock);
    const agency = await createAgency();
    await seedDisclosures(agency, 'outbreak', [
      ['2026-11-22T16:59:59Z', 'disclosed'], // 23:59:59 on the 22nd in Phnom Penh
      ['2026-11-22T17:00:00Z', 'disclosed'], // midnight: the 23rd in Phnom Penh, still the 22nd in UTC
      ['2026-11-22T18:30:00Z', 'not_found'],
      ['2026-11-23T01:00:00Z', 'rate_limited'],
      ['2026-11-23T02:00:00Z', 'key_destroyed'],
      ['2026-11-23T03:00:00Z', 'disclosed'],
      ['2026-11-10T03:00:00Z', 'disclosed'], // outside the three days asked for
    ]);
    const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    type Report = {
      time_zone: string;
      days: { day: string; start: string }[];
      series: { agency: string; purpose: string; disclosed: number[]; refused: number[]; rate_limited: number[]; totals: Record<string, number> }[];
    };
    const pp = (await (await admin('GET', `/reports/daily-disclosures?days=3&agency_id=${agency}`)).json()) as Report;
    expect(pp.time_zone).toBe('Asia/Phnom_Penh');
    expect(pp.days.map((d) => d.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(pp.days[2]?.start).toBe('2026-11-22T17:00:00Z');
    expect(pp.series).toEqual([
      { agency, purpose: 'outbreak', disclosed: [0, 1, 2], refused: [0, 0, 2], rate_limited: [0, 0, 1], totals: { disclosed: 3, refused: 2, rate_limited: 1 } },
    ]);

    const utc = (await (await admin('GET', `/reports/daily-disclosures?days=2&time_zone=UTC&agency_id=${agency}`)).json()) as Report;
    expect(utc.series[0]?.disclosed).toEqual([2, 1]);
    expect(utc.series[0]?.refused).toEqual([1, 1]);

    const other = (await (await admin('GET', `/reports/daily-disclosures?days=3&agency_id=${agency}&purpose_id=another-purpose`)).json()) as Report;
    expect(other.series).toEqual([]);
  });

  it('refuses an unknown time zone or too long a range', async () => {
    const gateway = testGateway();
    const admin = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const zone = await admin('GET', '/reports/daily-disclosures?time_zone=Mars%2FOlympus');
    expect(zone.status).toBe(400);
    expect(((await zone.json()) as { issues: { code: string }[] }).issues[0]?.code).toBe('unknown_time_zone');
    expect((await admin('GET', '/reports/daily-disclosures?days=93')).status).toBe(400);
  });
});
