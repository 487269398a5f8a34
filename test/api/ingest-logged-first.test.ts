/**
 * Finding "Ingest stores before it logs": records and media become readable only once the log
 * names them. A log append that fails stores nothing readable; a crash between the steps (the pending
 * state, left as it would be) is finished by the data owner's retry, whose entry names every version.
 */
import type { LogEntry } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { subjectHashes } from '../../gateway/src/services/access/subjects.js';
import type { GatewayEnv } from '../../gateway/src/platform/env.js';
import { keyRing } from '../../gateway/src/services/keys/key-ring.js';
import { ingestRecords } from '../../gateway/src/services/records/ingest.js';
import { readRecords } from '../../gateway/src/services/records/read.js';
import { selectMedia } from '../../gateway/src/store/d1/media.js';
import { accessTokenFor, callResource, createAgency, createClient, gatewayEnv, ISSUER, testGateway, uniq } from './harness.js';
import { caseWith, photo, portraitPng, uploadForm } from './media-harness.js';
import { loggedEntry } from './log-harness.js';
import { keyRingSourceOf, recordReaderOf, storesWithKeysOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;

/**
 * The bindings with the log object's `append` replaced: `before` throws without appending (the
 * log's storage is unwritable), `after` appends and then throws (the gateway died right after).
 */
function envWithBrokenAppend(mode: 'before' | 'after'): GatewayEnv {
  const ns = gatewayEnv.AUDIT_LOG;
  const namespace = {
    idFromName: (name: string) => ns.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = ns.get(id);
      return new Proxy(stub, {
        get(target, prop) {
          if (prop === 'append') {
            return async (entries: readonly LogEntry[]) => {
              if (mode === 'after') await target.append(entries);
              throw new Error('log storage is not writable');
            };
          }
          const value = Reflect.get(target, prop) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
  return { ...gatewayEnv, AUDIT_LOG: namespace as unknown as GatewayEnv['AUDIT_LOG'] };
}

/** The same gateway (app and clock) answering with other bindings. */
const withEnv = (gateway: Gateway, env: GatewayEnv): Gateway => ({
  ...gateway,
  request: (path: string, init: RequestInit = {}) => gateway.app.request(`${ISSUER}${path}`, init, env),
});

function person(id: string, phone = '012 345 678') {
  return {
    id,
    national_id: '012345678',
    name_km: 'សុខ ចាន់ធី',
    name_latin: 'Sok Chanthy',
    sex: 'F',
    date_of_birth: '1990-04-12',
    phone,
    address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
    red_notice: false,
  };
}

async function owner(gateway: Gateway) {
  const agency = await createAgency();
  const client = await createClient('data_owner', agency, { ingestTypes: ['person', 'case'] });
  const token = await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: ['person', 'case'] });
  const ingest = (via: Gateway, records: unknown[]) =>
    callResource(via, client, token, '/v1/ingest/person', {
      method: 'POST',
      body: JSON.stringify({ records }),
      headers: { 'content-type': 'application/json' },
    });
  const upload = (via: Gateway, form: Parameters<typeof uploadForm>[0]) =>
    callResource(via, client, token, '/v1/ingest/media', { method: 'PUT', body: uploadForm(form) });
  return { agency, client, ingest, upload };
}

/** Log entries appended from index `from` on. */
async function entriesSince(from: number): Promise<Record<string, unknown>[]> {
  const log = auditLog(gatewayEnv);
  const size = await log.size();
  const out: Record<string, unknown>[] = [];
  for (let i = from; i < size; i++) out.push(await loggedEntry(log, i, size));
  return out;
}

const readable = async (ids: string[]) => (await readRecords(recordReaderOf(gatewayEnv), 'person', ids, ['phone'])).length;
const versionHashes = async (ids: string[], version: number) =>
  subjectHashes(
    await keyRing(keyRingSourceOf(gatewayEnv)),
    ids.map((id) => `person:${id}:${version}`),
  );

describe('Ingest stores before it logs', () => {
  it('a log append that fails leaves nothing readable, and the retry logs and stores everything', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const ids = Array.from({ length: 5 }, () => uniq('p'));
    const before = await auditLog(gatewayEnv).size();

    const failed = await ingest(
      withEnv(gateway, envWithBrokenAppend('before')),
      ids.map((id) => person(id)),
    );
    expect(failed.status).toBe(500);
    expect(await readable(ids)).toBe(0);
    expect(await entriesSince(before)).toEqual([]);

    const retry = await ingest(
      gateway,
      ids.map((id) => person(id)),
    );
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ created: 5, unchanged: 0 });
    expect(await readable(ids)).toBe(5);
    const logged = await entriesSince(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'ingest', created: 5, unchanged: 0 });
    expect([...((logged[0]?.records ?? []) as string[])].sort()).toEqual((await versionHashes(ids, 1)).sort());
  });

  it('a crash between the log append and the commit leaves pending versions that the retry logs and commits', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const ids = [uniq('p'), uniq('p')];
    await ingest(
      gateway,
      ids.map((id) => person(id)),
    );
    const before = await auditLog(gatewayEnv).size();

    // Version 2 of both is written pending and logged, then the gateway dies before committing it.
    const crashed = await ingest(
      withEnv(gateway, envWithBrokenAppend('after')),
      ids.map((id) => person(id, '097 765 4321')),
    );
    expect(crashed.status).toBe(500);
    const pending = await gatewayEnv.DB.prepare('SELECT id, version FROM records WHERE pending = 1 AND id IN (?, ?) ORDER BY id')
      .bind(...ids)
      .all<{ version: number }>();
    expect(pending.results.map((r) => r.version)).toEqual([2, 2]);
    // Nothing of version 2 is readable: the old phone is still what a reader gets.
    expect((await readRecords(recordReaderOf(gatewayEnv), 'person', ids, ['phone'])).map((r) => r.version)).toEqual([1, 1]);

    // The retry does not answer "unchanged": its entry names both versions again, and commits them.
    const retry = await ingest(
      gateway,
      ids.map((id) => person(id, '097 765 4321')),
    );
    expect(await retry.json()).toMatchObject({ updated: 2, unchanged: 0, results: [{ version: 2 }, { version: 2 }] });
    expect((await readRecords(recordReaderOf(gatewayEnv), 'person', ids, ['phone'])).map((r) => r.version)).toEqual([2, 2]);
    const logged = await entriesSince(before);
    expect(logged).toHaveLength(2);
    for (const entry of logged) expect([...(entry.records as string[])].sort()).toEqual((await versionHashes(ids, 2)).sort());
    expect(
      (
        await gatewayEnv.DB.prepare('SELECT count(*) AS n FROM records WHERE pending = 1 AND id IN (?, ?)')
          .bind(...ids)
          .first<{ n: number }>()
      )?.n,
    ).toBe(0);
  });

  it('a version left pending by a crash before the log append is never read; other content sent later becomes the next version', async () => {
    const gateway = testGateway();
    const { ingest } = await owner(gateway);
    const id = uniq('p');
    expect((await ingest(withEnv(gateway, envWithBrokenAppend('before')), [person(id)])).status).toBe(500);
    expect(await readable([id])).toBe(0);
    const before = await auditLog(gatewayEnv).size();

    const other = await ingest(gateway, [person(id, '097 765 4321')]);
    expect(await other.json()).toMatchObject({ created: 1, results: [{ id, version: 2, outcome: 'created' }] });
    const [row] = await readRecords(recordReaderOf(gatewayEnv), 'person', [id], ['phone']);
    expect(row?.version).toBe(2);
    expect((await entriesSince(before))[0]?.records).toEqual(await versionHashes([id], 2));
  });

  it('a media upload whose log append fails stores nothing; the retry logs and stores it', async () => {
    const gateway = testGateway();
    const { agency, upload } = await owner(gateway);
    const id = uniq('case');
    const ref = `media/case/${id}/1.png`;
    await ingestRecords(storesWithKeysOf(gatewayEnv), gatewayEnv, {
      owner: agency,
      clientId: 'loader',
      type: 'case',
      bodies: [caseWith(id, [photo(ref)])],
      now: gateway.clock.now,
    });
    const form = { record_type: 'case', record_id: id, ref, original: { bytes: await portraitPng(), type: 'image/png' } };
    const before = await auditLog(gatewayEnv).size();

    expect((await upload(withEnv(gateway, envWithBrokenAppend('before')), form)).status).toBe(500);
    expect(await selectMedia(gatewayEnv.DB, ref)).toBeNull();
    expect(await entriesSince(before)).toEqual([]);

    expect((await upload(gateway, form)).status).toBe(200);
    expect(await selectMedia(gatewayEnv.DB, ref)).not.toBeNull();
    const logged = await entriesSince(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      kind: 'media_ingest',
      outcome: 'created',
      records: subjectHashes(await keyRing(keyRingSourceOf(gatewayEnv)), [`case:${id}`]),
    });
  });
});
