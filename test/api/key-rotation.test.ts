import { describe, expect, it } from 'vitest';
import { forgetKeyRing, keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { readRecords } from '../../gateway/src/services/records/read.js';
import { rewrapBatch, retireOldFieldKeys, rotateFieldKeys } from '../../gateway/src/services/records/rewrap.js';
import { ingestRecords } from '../../gateway/src/services/records/ingest.js';
import { accessTokenFor, callResource, createAgency, createClient, gatewayEnv, testGateway, uniq } from './harness.js';
import { keyRingSourceOf, recordReaderOf, storesWithKeysOf } from '../../gateway/src/services/stores.js';

const person = (id: string, i: number) => ({
  id,
  national_id: String(100000000 + i),
  name_km: 'ចាន់ សុភា',
  name_latin: `Chan Sophea ${i}`,
  sex: 'F',
  date_of_birth: '1985-01-20',
  phone: `+85512${String(100000 + i).padStart(6, '0')}`,
  address: { province: '12', district: '1201', commune: '120101' },
  red_notice: i % 2 === 0,
});

async function seed(count: number) {
  const owner = await createAgency();
  const ids = Array.from({ length: count }, () => uniq('p'));
  await ingestRecords(storesWithKeysOf(gatewayEnv), gatewayEnv, {
    owner,
    clientId: 'test-loader',
    type: 'person',
    bodies: ids.map((id, i) => person(id, i)),
    now: Math.floor(Date.now() / 1000),
  });
  return { owner, ids };
}

describe('field-key rotation and re-wrap', () => {
  it('re-wraps every record to the new version under concurrent reads and writes, with no failed read', async () => {
    const { owner, ids } = await seed(120);
    const before = await readRecords(recordReaderOf(gatewayEnv), 'person', ids);
    const version = await rotateFieldKeys(storesWithKeysOf(gatewayEnv), Math.floor(Date.now() / 1000));
    expect((await keyRing(keyRingSourceOf(gatewayEnv))).currentVersion).toBe(version);

    let failedReads = 0;
    let reads = 0;
    let rewrapping = true;
    const reader = (async () => {
      while (rewrapping) {
        try {
          const got = await readRecords(recordReaderOf(gatewayEnv), 'person', ids.slice(reads % 100, (reads % 100) + 20));
          if (got.length !== 20) failedReads++;
        } catch {
          failedReads++;
        }
        reads++;
        // Give timers their turn, as requests arriving through the event loop would: a loop of reads
        // answered from the isolate without waiting on a timer would starve the test's own timeout.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    })();
    // A data owner keeps updating some records meanwhile; its writes must not be lost.
    const writer = (async () => {
      for (let i = 0; i < 10; i++) {
        await ingestRecords(storesWithKeysOf(gatewayEnv), gatewayEnv, {
          owner,
          clientId: 'test-loader',
          type: 'person',
          bodies: [{ ...person(ids[i] as string, i), name_latin: `Updated ${i}` }],
          now: Math.floor(Date.now() / 1000),
        });
      }
    })();
    let progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 25);
    let batches = 1;
    while (progress.next !== null) {
      progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 25, progress.next);
      if (++batches > 50) throw new Error('re-wrap does not converge');
    }
    await writer;
    progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 500); // a second pass catches rows written behind the cursor
    expect(progress.remaining).toBe(0);
    rewrapping = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(failedReads).toBe(0);

    const after = await readRecords(recordReaderOf(gatewayEnv), 'person', ids);
    expect(after.slice(0, 10).map((r) => r.fields.name_latin)).toEqual(Array.from({ length: 10 }, (_, i) => `Updated ${i}`));
    expect(after.slice(10).map((r) => r.fields)).toEqual(before.slice(10).map((r) => r.fields));
    const versions = await gatewayEnv.DB.prepare('SELECT DISTINCT key_version AS v FROM records').all<{ v: number }>();
    expect(versions.results.map((r) => r.v)).toEqual([version]);
  });

  it('resumes after an interrupted run and is safe to run again', async () => {
    const { ids } = await seed(30);
    await rotateFieldKeys(storesWithKeysOf(gatewayEnv), Math.floor(Date.now() / 1000));
    const first = await rewrapBatch(storesWithKeysOf(gatewayEnv), 10); // then "crash"
    expect(first.moved).toBe(10);
    expect(first.remaining).toBeGreaterThan(0);
    // Resume from the last position the interrupted run reported.
    let progress = first;
    while (progress.next !== null) progress = await rewrapBatch(storesWithKeysOf(gatewayEnv), 10, progress.next);
    expect(progress.remaining).toBe(0);
    const again = await rewrapBatch(storesWithKeysOf(gatewayEnv), 10);
    expect(again).toMatchObject({ moved: 0, remaining: 0, next: null });
    expect((await readRecords(recordReaderOf(gatewayEnv), 'person', ids)).length).toBe(30);
  });

  it('retires old versions only when nothing needs them, after which old envelopes no longer open', async () => {
    const { ids } = await seed(5);
    const [row] = await gatewayEnv.DB.prepare('SELECT sealed FROM records WHERE id = ? AND current = 1')
      .bind(ids[0])
      .all<{ sealed: string }>()
      .then((r) => r.results);
    const rotatedAt = Math.floor(Date.now() / 1000);
    await rotateFieldKeys(storesWithKeysOf(gatewayEnv), rotatedAt);
    expect((await retireOldFieldKeys(storesWithKeysOf(gatewayEnv), rotatedAt + 1)).retired).toBe(false); // too recent
    expect((await retireOldFieldKeys(storesWithKeysOf(gatewayEnv), rotatedAt + 3600)).retired).toBe(false); // records below
    expect((await rewrapBatch(storesWithKeysOf(gatewayEnv), 500)).remaining).toBe(0);
    const outcome = await retireOldFieldKeys(storesWithKeysOf(gatewayEnv), rotatedAt + 3600);
    expect(outcome.retired).toBe(true);
    // Put an old-version envelope back: it must not open any more, and the re-wrap job reports it
    // instead of stalling on it.
    await gatewayEnv.DB.prepare('UPDATE records SET sealed = ?, key_version = 1 WHERE id = ? AND current = 1').bind(row?.sealed, ids[0]).run();
    forgetKeyRing();
    await expect(readRecords(recordReaderOf(gatewayEnv), 'person', [ids[0] as string])).rejects.toThrow();
    await rotateFieldKeys(storesWithKeysOf(gatewayEnv), rotatedAt + 3600);
    const report = await rewrapBatch(storesWithKeysOf(gatewayEnv), 500);
    expect(report.unreadable).toContainEqual({ type: 'person', id: ids[0], version: 1 });
    expect(report.remaining).toBeGreaterThan(0);
    await gatewayEnv.DB.prepare('DELETE FROM records WHERE id = ?').bind(ids[0]).run();
  });

  it('keeps tokens working across rotation (signing keys are re-wrapped too)', async () => {
    const gateway = testGateway();
    const agency = await createAgency();
    const client = await createClient('data_owner', agency, { ingestTypes: ['person'] });
    await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: ['person'] });
    await rotateFieldKeys(storesWithKeysOf(gatewayEnv), gateway.clock.now);
    expect((await rewrapBatch(storesWithKeysOf(gatewayEnv), 500)).remaining).toBe(0);
    const token = await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: ['person'] });
    const res = await callResource(gateway, client, token, '/v1/ingest/person', {
      method: 'POST',
      body: JSON.stringify(person(uniq('p'), 7)),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
  });
});
