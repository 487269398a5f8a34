import { generateClientKeys } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { ensureBootstrapOfficers } from '../../gateway/src/services/bootstrap.js';
import { storesOf } from '../../gateway/src/services/stores.js';
import { getClient } from '../../gateway/src/store/d1/clients.js';
import { gatewayEnv, uniq } from './harness.js';

const officersVar = (id: string, jwk: Record<string, unknown>) =>
  JSON.stringify([{ id, name: 'First officer', agency: 'privacy-office', agency_name: 'Privacy Office', jwk }]);
const eventsFor = async (id: string) =>
  (
    await gatewayEnv.DB.prepare("SELECT count(*) AS n FROM admin_events WHERE action = 'privacy_officer.bootstrap' AND target_id LIKE ?")
      .bind(`%${id}%`)
      .first<{ n: number }>()
  )?.n ?? 0;

describe('bootstrap privacy officers', () => {
  it('registers the configured officers (public keys only), records it, and re-keys them when the configuration changes', async () => {
    const id = uniq('po');
    const first = await generateClientKeys();
    const now = Math.floor(Date.now() / 1000);
    await ensureBootstrapOfficers(storesOf(gatewayEnv), officersVar(id, first.public.signing), now);
    expect((await getClient(gatewayEnv.DB, id))?.kind).toBe('privacy_officer');
    expect(await eventsFor(id)).toBe(1);
    await ensureBootstrapOfficers(storesOf(gatewayEnv), officersVar(id, first.public.signing), now);
    expect(await eventsFor(id)).toBe(1);
    const second = await generateClientKeys();
    await ensureBootstrapOfficers(storesOf(gatewayEnv), officersVar(id, second.public.signing), now);
    expect((await getClient(gatewayEnv.DB, id))?.signingJwks.keys[0]?.x).toBe(second.public.signing.x);
    expect(await eventsFor(id)).toBe(2);
  });

  it('refuses a configuration holding a private key', async () => {
    const keys = await generateClientKeys();
    await expect(ensureBootstrapOfficers(storesOf(gatewayEnv), officersVar(uniq('po'), keys.private.signing), 0)).rejects.toThrow(/not a public signing key/);
  });
});
