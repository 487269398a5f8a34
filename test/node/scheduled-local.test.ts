/**
 * The local gateway started as `npm start` starts it (`startDevGateway` with its cron triggers on
 * schedule) runs the scheduled job by itself: an administrative change reaches the tamper-evident
 * log and a grant whose window ended becomes `expired`, without anyone running `n2k housekeeping`.
 * Waits for real minute boundaries, so it takes one to two minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';

const PORT = 8796;
/** One cron period, the window's remaining life, and slack for a loaded machine. */
const WAIT_MS = 60_000 + 30_000 + 45_000;

describe('the scheduled job under the local gateway', () => {
  let local: LocalGateway;

  beforeAll(async () => {
    local = await startLocalGateway(PORT, { scheduled: true });
  }, 120_000);

  afterAll(async () => {
    await local?.close();
  });

  it(
    'expires an ended grant and logs administrative events on its own',
    async () => {
      const [officer] = local.officers;
      if (officer === undefined) throw new Error('no officer');
      expect(local.gateway.cron?.crons).toEqual(['* * * * *']);
      await officer.post('/agencies', { id: 'sched-agency', name: 'Scheduled-job test agency' });
      await officer.post('/purposes', {
        id: 'sched-purpose',
        title: 'Scheduled-job test',
        legal_basis: 'Synthetic, for a test',
        rules: { person: { name_latin: 'clear' } },
        actions: ['fetch'],
        agencies: ['sched-agency'],
      });
      const now = Date.now();
      const grantId = await local.openGrant({
        purpose_id: 'sched-purpose',
        agency_id: 'sched-agency',
        data_life_seconds: 60,
        not_before: new Date(now - 60_000).toISOString(),
        not_after: new Date(now + 30_000).toISOString(),
      });
      expect((await officer.get<{ status: string }>(`/grants/${grantId}`)).status).toBe('active');

      const deadline = Date.now() + WAIT_MS;
      let status = 'active';
      let logged = false;
      while (Date.now() < deadline && !(status === 'expired' && logged)) {
        await new Promise((r) => setTimeout(r, 5_000));
        status = (await officer.get<{ status: string }>(`/grants/${grantId}`)).status;
        const exported = await officer.getPath<{ entries: unknown[] }>('/v1/audit/export?from=0');
        logged = JSON.stringify(exported.entries).includes(grantId);
      }
      expect(status).toBe('expired');
      expect(logged).toBe(true);
      expect(local.gateway.cron?.runs()).toBeGreaterThan(0);
    },
    WAIT_MS + 30_000,
  );
});
