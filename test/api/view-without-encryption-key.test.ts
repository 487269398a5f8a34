/**
 * A client whose encryption key is withdrawn (between a delivery and its view) asks to open what it
 * holds: the viewer key would be sealed to nobody, so the view is refused like a delivery to such a
 * client (403 `forbidden`), and nothing is logged or released. It failed with a 500 before.
 */
import { describe, expect, it } from 'vitest';
import { accessTokenFor, createAgency, createClient, createGrant, createPurpose, gatewayEnv, testGateway, uniq } from './harness.js';
import { call, open, person, seed } from './disclosure-harness.js';

const log = () => gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main'));

describe('a view needs a key to seal the viewer key to', () => {
  it('refuses a view to a client without an encryption key with 403, logging nothing and releasing no key', async () => {
    const gateway = testGateway();
    const id = uniq('p');
    await seed('person', [person(id, { name_latin: 'Held Subject' })], gateway.clock.now);
    const agencyId = await createAgency();
    const client = await createClient('partner', agencyId);
    const purpose = await createPurpose([agencyId], { rules: { person: { name_latin: 'clear' } } as never });
    await createGrant(purpose.id, agencyId, { notBefore: gateway.clock.now - 60, notAfter: gateway.clock.now + 3600 });
    const token = await accessTokenFor(gateway, client, { type: 'record_access', purpose: purpose.id });
    const held = await open(gateway, client, await call(gateway, client, token, 'GET', `/v1/records/person/${id}?delivery=viewer`));

    await gatewayEnv.DB.prepare('UPDATE clients SET encryption_jwk = NULL WHERE id = ?').bind(client.id).run();
    const before = await log().size();
    const viewed = await call(gateway, client, token, 'POST', '/v1/views', { epoch: held.viewer_key?.epoch ?? 0, disclosure_id: held.jti });
    expect(viewed.status).toBe(403);
    expect(JSON.parse(viewed.body)).toMatchObject({ code: 'forbidden' });
    expect(viewed.body).not.toContain('"key"');
    expect(await log().size()).toBe(before);
  });
});
