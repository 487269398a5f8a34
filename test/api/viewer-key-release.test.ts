/**
 * A grant's viewer key leaves the gateway only as a logged view: `POST /v1/viewer-keys`, which
 * released it with no view id and no trace mark, is gone, and `POST /v1/views` (for any client that
 * holds the delivery) logs the view and names it before the key is released.
 */
import { compactDecrypt, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { openViewerPayload } from '../../gateway/src/services/delivery/viewer-seal.js';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, uniq } from './harness.js';
import { loggedEntry } from './log-harness.js';
import { call, open, person, seed } from './disclosure-harness.js';

const log = () => gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main'));

describe('every viewer-key release is a logged view', () => {
  it('the key-only route is gone; the key comes with a view id that the log names', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id, { name_latin: 'Viewed Subject' })], gateway.clock.now);
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear' } } as never });
    const grant = await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const d = await open(gateway, client, await call(gateway, client, token, 'GET', `/v1/records/person/${id}?delivery=viewer`));
    const epoch = d.viewer_key?.epoch ?? -1;

    const before = await log().size();
    const keyOnly = await call(gateway, client, token, 'POST', '/v1/viewer-keys', { epoch });
    expect(keyOnly.status).toBe(404);
    expect(keyOnly.body).not.toContain('"key"');
    expect(await log().size()).toBe(before);

    const viewed = await call(gateway, client, token, 'POST', '/v1/views', { epoch, disclosure_id: d.jti });
    expect(viewed.status).toBe(201);
    const { view_id: viewId, key } = JSON.parse(viewed.body) as { view_id: string; key: string };
    expect(viewId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    const size = await log().size();
    const entry = await loggedEntry(log(), size - 1, size);
    expect(entry).toMatchObject({ kind: 'viewer', event: 'view', view: viewId, disclosure: d.jti, grant: grant.id, officer: client.id });
    const jwk = JSON.parse(new TextDecoder().decode((await compactDecrypt(key, await importJWK(client.encryptionPrivateJwk, 'ECDH-ES'))).plaintext)) as {
      k: string;
    };
    expect(((await openViewerPayload(d.sealed_payload as string, jwk.k)) as { records: { name_latin: string }[] }).records[0]?.name_latin).toBe(
      'Viewed Subject',
    );
  });
});
