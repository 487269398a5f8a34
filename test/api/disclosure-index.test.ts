/**
 * The D1 disclosure index is derived from the tamper-evident log, written by the log object behind
 * its appends: once flushed it holds exactly the log's disclosure entries — each once, at its place
 * in the log, with its persons — and flushing again changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { auditLog, flushDisclosureIndex } from '../../gateway/src/services/access/audit.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, uniq } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { call, person, seed } from './disclosure-harness.js';
import { storesOf } from '../../gateway/src/services/stores.js';

describe('the disclosure index behind the log', () => {
  it('holds every disclosure and refusal of the log exactly once, at its log position, after a flush', async () => {
    const gateway = testGateway();
    const ids = Array.from({ length: 12 }, () => uniq('p'));
    await seed(
      'person',
      ids.map((id) => person(id)),
    );
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear' } } as never, requestsPerMinute: 11 });
    const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });

    // Ten answered at once, one missing (counted and logged), then two over the per-minute limit.
    const fetch = (id: string) => call(gateway, client, token, 'GET', `/v1/records/person/${id}`);
    const answers = await Promise.all(ids.slice(0, 10).map(fetch));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await fetch(uniq('p'))).status).toBe(404);
    for (const id of ids.slice(10)) expect((await fetch(id)).status).toBe(429);

    await flushDisclosureIndex(storesOf(gatewayEnv));
    await flushDisclosureIndex(storesOf(gatewayEnv)); // nothing left to do: nothing changes
    const rows = await gatewayEnv.DB.prepare('SELECT id, outcome, log_index, subjects FROM disclosures WHERE grant_id = ? ORDER BY log_index')
      .bind(grant.id)
      .all<{ id: string; outcome: string; log_index: number; subjects: string }>();
    expect(rows.results).toHaveLength(13);
    const log = auditLog(gatewayEnv);
    const size = await log.size();
    for (const row of rows.results) {
      const logged = await loggedEntry(log, row.log_index, size);
      expect(logged).toMatchObject({ id: row.id, outcome: row.outcome, subjects: JSON.parse(row.subjects) });
    }
    const disclosed = rows.results.filter((r) => r.outcome === 'disclosed');
    expect(new Set(disclosed.map((r) => r.id))).toEqual(
      new Set(answers.filter((a) => a.status === 200).map((a) => a.response.headers.get('n2k-disclosure-id'))),
    );
    const subjects = await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM disclosure_subjects WHERE disclosure_id IN (SELECT value FROM json_each(?))')
      .bind(JSON.stringify(disclosed.map((r) => r.id)))
      .first<{ n: number }>();
    expect(subjects?.n).toBe(10);
  });
});
