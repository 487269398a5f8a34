/**
 * The Worker's cron entry point runs the housekeeping job: a grant whose window has ended is
 * expired and its viewer keys are destroyed without anyone calling the admin API.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../gateway/src/index.js';
import { getGrant } from '../../gateway/src/store/d1/grants.js';
import { createAgency, createGrant, createPurpose, gatewayEnv, uniq } from './harness.js';

describe('scheduled handler', () => {
  it('expires ended grants and shreds their keys on the cron trigger', async () => {
    const now = Math.floor(Date.now() / 1000);
    const agencyId = await createAgency(uniq('agency'));
    const purpose = await createPurpose([agencyId]);
    const ended = await createGrant(purpose.id, agencyId, { notBefore: now - 7200, notAfter: now - 60 });
    const live = await createGrant(purpose.id, agencyId, { notBefore: now - 60, notAfter: now + 3600 });
    const vault = gatewayEnv.GRANT_KEYS.get(gatewayEnv.GRANT_KEYS.idFromName(ended.id));
    await vault.keyFor(0, now + 3600, now - 120); // a key made while the grant was live

    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), gatewayEnv, ctx);
    await waitOnExecutionContext(ctx);

    expect((await getGrant(gatewayEnv.DB, ended.id))?.status).toBe('expired');
    expect((await getGrant(gatewayEnv.DB, live.id))?.status).toBe('active');
    expect(await vault.heldEpochs()).toEqual([]);
  });
});
