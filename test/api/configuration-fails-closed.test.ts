/**
 * Finding "no silent misconfiguration": a weak or wrong root secret stops the gateway (no token,
 * no ingest, no checkpoint), readiness says what is wrong without revealing it, an isolate with a
 * stale reading of the field-key versions reloads them instead of failing, and a rotation is never
 * made without its administrative event.
 */
import { KeyRing } from '@need2know/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayEnv } from '../../gateway/src/platform/env.js';
import { LATEST_MIGRATION } from '../../gateway/src/services/health/readiness.js';
import { forgetKeyRing, keyRing, readKeyState } from '../../gateway/src/services/keys/key-ring.js';
import { rewrapBatch, rotateFieldKeys } from '../../gateway/src/services/records/rewrap.js';
import { call, open, person, seed } from './disclosure-harness.js';
import {
  accessTokenFor,
  adminSession,
  callResource,
  createAgency,
  createClient,
  gatewayEnv,
  ISSUER,
  partnerWithLiveGrant,
  requestToken,
  testGateway,
  uniq,
} from './harness.js';
import { keyRingSourceOf, storesWithKeysOf } from '../../gateway/src/services/stores.js';

type Gateway = ReturnType<typeof testGateway>;

const WEAK_SECRET = 'c2hvcnQtYnV0LWJhc2U2NHVybA'; // 19 bytes
const OTHER_SECRET = KeyRing.generateSecret();
const withEnv = (gateway: Gateway, env: GatewayEnv): Gateway => ({
  ...gateway,
  request: (path: string, init: RequestInit = {}) => gateway.app.request(`${ISSUER}${path}`, init, env),
});
const underSecret = (gateway: Gateway, secret: string) => withEnv(gateway, { ...gatewayEnv, N2K_ROOT_SECRET: secret });

async function dataOwner(gateway: Gateway) {
  const agency = await createAgency();
  const client = await createClient('data_owner', agency, { ingestTypes: ['person'] });
  const token = await accessTokenFor(gateway, client, { type: 'record_ingest', record_types: ['person'] });
  const ingest = (via: Gateway) =>
    callResource(via, client, token, '/v1/ingest/person', {
      method: 'POST',
      body: JSON.stringify(person(uniq('p'))),
      headers: { 'content-type': 'application/json' },
    });
  return { client, ingest };
}

async function readyz(gateway: Gateway) {
  const res = await gateway.request('/readyz');
  return {
    status: res.status,
    text: await res.clone().text(),
    body: (await res.json()) as { status: string; problems: { check: string; code: string; message: string }[] },
  };
}

describe('A short root secret still signs checkpoints', () => {
  it('a secret under 32 bytes stops the gateway: no checkpoint, no verifier key, no token; readiness says why; liveness stays up', async () => {
    const gateway = testGateway();
    const weak = underSecret(gateway, WEAK_SECRET);
    const { client } = await dataOwner(gateway);
    expect((await weak.request('/v1/audit/checkpoint')).status).toBe(503);
    expect((await weak.request('/v1/audit/key')).status).toBe(503);
    const token = await requestToken(weak, client, { authorization_details: JSON.stringify([{ type: 'record_ingest', record_types: ['person'] }]) });
    expect(token.status).toBe(503);
    expect(await token.json()).toMatchObject({ error: 'temporarily_unavailable' });

    const ready = await readyz(weak);
    expect(ready.status).toBe(503);
    expect(ready.body.problems).toEqual([expect.objectContaining({ check: 'root_secret', code: 'secret_weak' })]);
    expect(ready.text).not.toContain(WEAK_SECRET);
    expect((await weak.request('/healthz')).status).toBe(200);
  });
});

describe('A wrong root secret is not detected', () => {
  it('under another secret the gateway refuses to run (no token, no ingest, no new verifier key) and runs again under the right one', async () => {
    const gateway = testGateway();
    const { client, ingest } = await dataOwner(gateway); // the key-check value is stored by now
    const wrong = underSecret(gateway, OTHER_SECRET);

    const ready = await readyz(wrong);
    expect(ready.status).toBe(503);
    expect(ready.body.problems.map((p) => p.code)).toEqual(['secret_mismatch']);
    expect(ready.text).not.toContain(OTHER_SECRET);
    expect((await requestToken(wrong, client, { authorization_details: JSON.stringify([{ type: 'record_ingest', record_types: ['person'] }]) })).status).toBe(
      503,
    );
    const refused = await ingest(wrong);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'not_ready' });
    expect((await wrong.request('/v1/audit/key')).status).toBe(503);

    expect((await ingest(gateway)).status).toBe(200);
    expect((await readyz(gateway)).body).toEqual({ status: 'ready', problems: [] });
  });
});

describe('/healthz always answers ok: readiness names what is wrong', () => {
  afterEach(async () => {
    await gatewayEnv.DB.prepare('INSERT OR IGNORE INTO d1_migrations (name) VALUES (?)').bind(LATEST_MIGRATION).run();
  });

  it('reports migrations not applied and an unreachable log object', async () => {
    const gateway = testGateway();
    expect((await readyz(gateway)).status).toBe(200);
    await gatewayEnv.DB.prepare('DELETE FROM d1_migrations WHERE name = ?').bind(LATEST_MIGRATION).run();
    expect((await readyz(gateway)).body.problems.map((p) => p.code)).toEqual(['migrations_missing']);
    await gatewayEnv.DB.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(LATEST_MIGRATION).run();

    const deadLog = { idFromName: (n: string) => gatewayEnv.AUDIT_LOG.idFromName(n), get: () => ({ size: () => Promise.reject(new Error('unreachable')) }) };
    const down = await readyz(withEnv(gateway, { ...gatewayEnv, AUDIT_LOG: deadLog as unknown as GatewayEnv['AUDIT_LOG'] }));
    expect(down.status).toBe(503);
    expect(down.body.problems.map((p) => p.code)).toEqual(['log_unreachable']);
  });

  it('names the newest migration file as the one readiness needs', () => {
    const names = (gatewayEnv as unknown as { TEST_MIGRATIONS: { name: string }[] }).TEST_MIGRATIONS.map((m) => m.name).sort();
    expect(LATEST_MIGRATION).toBe(names.at(-1));
  });
});

describe('After a rotation, other isolates cannot read re-wrapped records', () => {
  it('an isolate whose cached key versions predate the rotation reloads them and answers', async () => {
    const gateway = testGateway();
    const { client, purpose } = await partnerWithLiveGrant(gateway.clock);
    const id = uniq('p');
    await seed('person', [person(id)]);
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });

    const { current } = await readKeyState(keyRingSourceOf(gatewayEnv).keyState);
    await rotateFieldKeys(storesWithKeysOf(gatewayEnv), gateway.clock.now);
    expect((await rewrapBatch(storesWithKeysOf(gatewayEnv), 1000)).remaining).toBe(0);
    // This isolate read the versions just before another isolate rotated and re-wrapped.
    await gatewayEnv.DB.prepare("UPDATE key_state SET value = ? WHERE name = 'field_current'").bind(current).run();
    forgetKeyRing();
    expect((await keyRing(keyRingSourceOf(gatewayEnv))).currentVersion).toBe(current);
    await gatewayEnv.DB.prepare("UPDATE key_state SET value = ? WHERE name = 'field_current'")
      .bind(current + 1)
      .run();

    const fetched = await call(gateway, client, token, 'GET', `/v1/records/person/${id}`);
    expect(fetched.status).toBe(200);
    expect((await open(gateway, client, fetched)).records?.[0]?.id).toBe(id);
  });
});

describe('A rotation can go unlogged', () => {
  it('a rotation whose administrative event cannot be written does not happen', async () => {
    const gateway = testGateway();
    const officer = await createClient('privacy_officer', await createAgency());
    const admin = await adminSession(gateway, officer);
    const before = await readKeyState(keyRingSourceOf(gatewayEnv).keyState);
    await gatewayEnv.DB.prepare(
      "CREATE TRIGGER refuse_admin_events BEFORE INSERT ON admin_events BEGIN SELECT RAISE(ABORT, 'event store not writable'); END",
    ).run();
    try {
      expect((await admin('POST', '/field-keys/rotate')).status).toBe(500);
      expect(await readKeyState(keyRingSourceOf(gatewayEnv).keyState)).toEqual(before);
    } finally {
      await gatewayEnv.DB.prepare('DROP TRIGGER refuse_admin_events').run();
    }
    const rotated = await admin('POST', '/field-keys/rotate');
    expect(rotated.status).toBe(200);
    expect(await rotated.json()).toMatchObject({ current_version: before.current + 1 });
    const event = await gatewayEnv.DB.prepare("SELECT actor, target_id FROM admin_events WHERE action = 'field_keys.rotate' ORDER BY seq DESC LIMIT 1").first();
    expect(event).toEqual({ actor: officer.id, target_id: `v${before.current + 1}` });
  });
});
