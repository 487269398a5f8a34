/**
 * A stated reason on every request (issue 16): a purpose that requires them refuses a record request
 * without a reference and a reason, counted and logged like any refusal; a malformed one is refused
 * wherever it is sent; what is stated is logged with the disclosure (the reference in clear, the
 * reason by a keyed hash, kept sealed); a W3C traceparent is logged, an invalid one ignored.
 */
import { statedReasonHeaders } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { sha256b64url } from '../../gateway/src/platform/lib/digest.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway, uniq } from './harness.js';
import { disclosures, entriesDuring, REASON_KM, scene, TRACE } from './request-reason-harness.js';

describe('a purpose that requires a stated reason', () => {
  it('refuses a fetch, a search and a check without a reference or a reason (400 reason_required), logging each refusal with nothing disclosed', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    let problems: Array<{ status: number; code: string; issues: { path: string }[] }> = [];
    const logged = await entriesDuring(async () => {
      const answers = [
        await s.fetch(),
        await s.fetch({ 'N2K-Reference': 'PP-2026-0412' }),
        await s.fetch({ 'N2K-Reason': 'bail review' }),
        await s.request('POST', '/v1/records/person/search', {}, { search: 'national_id', terms: { national_id: s.nationalId } }),
        await s.request('POST', '/v1/checks/red_notice', {}, { subject: { national_id: s.nationalId } }),
      ];
      problems = await Promise.all(answers.map(async (r) => ({ status: r.status, ...((await r.json()) as { code: string; issues: { path: string }[] }) })));
    });
    expect(problems.map((p) => [p.status, p.code])).toEqual(Array(5).fill([400, 'reason_required']));
    expect(problems[1]?.issues.map((i) => i.path)).toEqual(['reason']);
    expect(problems[2]?.issues.map((i) => i.path)).toEqual(['reference']);
    const refusals = disclosures(logged);
    expect(refusals.map((e) => [e.action, e.outcome])).toEqual([
      ['fetch', 'reason_required'],
      ['fetch', 'reason_required'],
      ['fetch', 'reason_required'],
      ['search', 'reason_required'],
      ['check', 'reason_required'],
    ]);
    for (const e of refusals) expect(e).toMatchObject({ subjects: [], response_hash: '', purpose: s.purpose.id, record_type: expect.any(String) });
    // The valid reference sent with a refused request is kept with the refusal; nothing else stated is.
    expect(refusals[1]).toMatchObject({ reference: 'PP-2026-0412' });
    expect(refusals[2]).not.toHaveProperty('reason_hash');
  });

  it('refuses a media request without them too, and logs the reference with one that finds nothing', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const ref = { ref: `media/person/${s.id}/1.png` };
    const logged = await entriesDuring(async () => {
      const bare = await s.request('POST', '/v1/media', {}, ref);
      expect([bare.status, ((await bare.json()) as { code: string }).code]).toEqual([400, 'reason_required']);
      expect((await s.request('POST', '/v1/media', { 'N2K-Reference': 'PP-2026-0412', 'N2K-Reason': 'bail review' }, ref)).status).toBe(404);
    });
    expect(disclosures(logged).map((e) => [e.action, e.outcome, e.reference])).toEqual([
      ['media', 'reason_required', undefined],
      ['media', 'not_found', 'PP-2026-0412'],
    ]);
  });

  it('counts the refusals in the agency usage report, apart from the answers', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    expect((await s.fetch()).status).toBe(400);
    expect((await s.fetch({ 'N2K-Reference': 'PP 1' })).status).toBe(400);
    expect((await s.fetch({ 'N2K-Reference': 'PP-1', 'N2K-Reason': 'review' })).status).toBe(200);
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const usage = (await (await officer('GET', `/reports/agency-usage?agency_id=${s.agencyId}&days=2`)).json()) as { rows: Record<string, unknown>[] };
    expect(usage.rows).toEqual([expect.objectContaining({ agency: s.agencyId, disclosures: 1, reason_refused: 2, not_found: 0 })]);
  });

  it('counts each refusal against the limits, as any refused request', async () => {
    const gateway = testGateway();
    const s = await scene(gateway, { requestsPerMinute: 2 });
    expect((await s.fetch()).status).toBe(400);
    expect((await s.fetch()).status).toBe(400);
    const third = await s.fetch({ 'N2K-Reference': 'PP-2026-0412', 'N2K-Reason': 'bail review' });
    expect(third.status).toBe(429);
  });

  it('answers a request that states both, and logs the reference and the keyed hash of the reason, never its text', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    let answer: Response | undefined;
    const logged = await entriesDuring(async () => {
      answer = await s.fetch(statedReasonHeaders({ reference: 'PP-2026-0412', reason: REASON_KM }));
    });
    expect(answer?.status).toBe(200);
    const [entry] = disclosures(logged);
    expect(entry).toMatchObject({
      id: answer?.headers.get('n2k-disclosure-id'),
      outcome: 'disclosed',
      reference: 'PP-2026-0412',
      reason_hash: expect.any(String),
    });
    expect(entry?.reason_hash).not.toBe(await sha256b64url(REASON_KM));
    expect(JSON.stringify(logged)).not.toContain('ចាន់ធី');
    // Kept sealed, one row for the text, bound to the hash the entry names.
    const row = await gatewayEnv.DB.prepare('SELECT reason, key_version FROM request_reasons WHERE reason_hash = ?')
      .bind(entry?.reason_hash)
      .first<{ reason: string; key_version: number }>();
    expect(row?.reason).toMatch(/^n2kf1\.\d+\./);
    expect(row?.reason).not.toContain(encodeURIComponent('ចាន់ធី'));
    expect(row?.key_version).toBeGreaterThan(0);
  });
});

describe('the purpose setting', () => {
  it('defaults to required for a purpose about persons, is kept by an edit that says nothing, narrows at once and widens only with a second officer', async () => {
    const gateway = testGateway();
    const agencyId = await createAgency();
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const body = { title: 'Tracing', legal_basis: 'Test basis', rules: { person: { phone: 'clear' } }, actions: ['fetch'], agencies: [agencyId] };
    const id = uniq('purpose');
    const created = (await (await officer('POST', '/purposes', { id, ...body })).json()) as { reason_required: boolean; version: number };
    expect(created.reason_required).toBe(true);
    const kept = await officer('PUT', `/purposes/${id}`, { ...body, reason: 'same terms' });
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as { reason_required: boolean }).reason_required).toBe(true);
    // No longer requiring a stated reason lets requests through unexplained: it waits for a second officer.
    const off = await officer('PUT', `/purposes/${id}`, { ...body, reason_required: false, reason: 'partners cannot send it yet' });
    expect(off.status).toBe(202);
    const pending = (await off.json()) as { pending_request: string; widenings: string[] };
    expect(pending.widenings).toEqual(['reason_required: true → false']);
    expect(((await (await officer('GET', `/purposes/${id}`)).json()) as { reason_required: boolean }).reason_required).toBe(true);
    const second = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    expect((await second('POST', `/requests/${pending.pending_request}/approve`, { reason: 'partners are told; reviewed monthly' })).status).toBe(200);
    expect(((await (await officer('GET', `/purposes/${id}`)).json()) as { reason_required: boolean }).reason_required).toBe(false);

    const other = uniq('purpose');
    expect((await officer('POST', '/purposes', { id: other, ...body, reason_required: false })).status).toBe(201);
    const on = await officer('PUT', `/purposes/${other}`, { ...body, reason_required: true, reason: 'every request must say why' });
    expect(on.status).toBe(200);
    expect(((await on.json()) as { reason_required: boolean }).reason_required).toBe(true);
  });
});

describe('a malformed stated reason', () => {
  it('is refused (400 reason_invalid) even where none is required: over-long, control characters, a bad reference or encoding; nothing of it is logged', async () => {
    const gateway = testGateway();
    const s = await scene(gateway, { reasonRequired: false });
    const bad: Record<string, string>[] = [
      { 'N2K-Reason': 'x'.repeat(201) },
      { 'N2K-Reason': 'bail%0Areview' },
      { 'N2K-Reason': 'bail%00review' },
      { 'N2K-Reason': '%E2%80%AEweiver liab' },
      { 'N2K-Reason': 'bail%ZZ' },
      { 'N2K-Reference': 'PP 2026 Sok Chanthy' },
      { 'N2K-Reference': 'P'.repeat(65), 'N2K-Reason': 'bail review' },
    ];
    let answers: Array<{ status: number; code: string }> = [];
    const logged = await entriesDuring(async () => {
      answers = [];
      for (const headers of bad) {
        const r = await s.fetch(headers);
        answers.push({ status: r.status, code: ((await r.json()) as { code: string }).code });
      }
    });
    expect(answers).toEqual(Array(bad.length).fill({ status: 400, code: 'reason_invalid' }));
    const refusals = disclosures(logged);
    expect(refusals.map((e) => e.outcome)).toEqual(Array(bad.length).fill('reason_invalid'));
    for (const e of refusals) for (const field of ['reference', 'reason_hash']) expect(e).not.toHaveProperty(field);
    expect(JSON.stringify(logged)).not.toContain('Chanthy');
  });

  it('of the longest allowed length, in Khmer, is accepted', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    expect((await s.fetch(statedReasonHeaders({ reference: 'A'.repeat(64), reason: 'ក'.repeat(200) }))).status).toBe(200);
  });
});

describe('a reference given where none is required', () => {
  it('is still logged with the disclosure, and a request without one is answered', async () => {
    const gateway = testGateway();
    const s = await scene(gateway, { reasonRequired: false });
    const logged = await entriesDuring(async () => {
      expect((await s.fetch({ 'N2K-Reference': 'OB/2026/17' })).status).toBe(200);
      expect((await s.fetch()).status).toBe(200);
    });
    const [stated, silent] = disclosures(logged);
    expect(stated).toMatchObject({ outcome: 'disclosed', reference: 'OB/2026/17' });
    expect(stated).not.toHaveProperty('reason_hash');
    expect(silent).toMatchObject({ outcome: 'disclosed' });
    for (const field of ['reference', 'reason_hash', 'traceparent']) expect(silent).not.toHaveProperty(field);
  });
});

describe('a W3C traceparent', () => {
  it('is logged with the disclosure when valid, and ignored (not refused) when invalid', async () => {
    const gateway = testGateway();
    const s = await scene(gateway);
    const stated = { 'N2K-Reference': 'PP-2026-0412', 'N2K-Reason': 'bail review' };
    const logged = await entriesDuring(async () => {
      expect((await s.fetch({ ...stated, traceparent: TRACE })).status).toBe(200);
      expect((await s.fetch({ ...stated, traceparent: TRACE.toUpperCase() })).status).toBe(200);
      expect((await s.fetch({ ...stated, traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' })).status).toBe(200);
    });
    const [valid, upper, zeros] = disclosures(logged);
    expect(valid).toMatchObject({ traceparent: TRACE });
    expect(upper).not.toHaveProperty('traceparent');
    expect(zeros).not.toHaveProperty('traceparent');
  });
});
