/**
 * The local gateway started as `npm start` starts it (`startDevGateway` with its cron triggers on
 * schedule) runs the scheduled job by itself: an administrative change reaches the tamper-evident
 * log and a grant whose window ended becomes `expired`, without anyone running `n2k housekeeping`.
 * Waits for a real minute boundary: the grant's window is made to end just before the first one it
 * can, so the first scheduled run after it both logs and expires: 10 to 70 s, where a window ending
 * 30 s after it opened, looked at every 5 s, took 30 to 95 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGateway, type LocalGateway } from '../support/local-gateway.js';

const PORT = 8796;
/** The cron runs every minute, at the minute boundary. */
const CRON_PERIOD_MS = 60_000;
/** Time the window stays open at least: enough to open and approve the grant and see it active on a loaded machine. */
const OPEN_AT_LEAST_MS = 8_000;
/** The window ends this long before the minute boundary whose scheduled run must expire it. */
const ENDS_BEFORE_RUN_MS = 2_000;
/** After the window ends: the run at the next boundary, one more period if that run was late, and slack for a loaded machine. */
const WAIT_AFTER_END_MS = ENDS_BEFORE_RUN_MS + CRON_PERIOD_MS + 30_000;
/** How often the test looks at the grant and the log. */
const POLL_MS = 1_000;

/** The end of the window: just before the first minute boundary at least {@link OPEN_AT_LEAST_MS} away. */
function windowEndFor(now: number): number {
  const boundary = Math.ceil((now + OPEN_AT_LEAST_MS + ENDS_BEFORE_RUN_MS) / CRON_PERIOD_MS) * CRON_PERIOD_MS;
  return boundary - ENDS_BEFORE_RUN_MS;
}

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
      const windowEnd = windowEndFor(now);
      const grantId = await local.openGrant({
        purpose_id: 'sched-purpose',
        agency_id: 'sched-agency',
        data_life_seconds: 60,
        not_before: new Date(now - 60_000).toISOString(),
        not_after: new Date(windowEnd).toISOString(),
      });
      expect((await officer.get<{ status: string }>(`/grants/${grantId}`)).status).toBe('active');

      const deadline = windowEnd + WAIT_AFTER_END_MS;
      let status = 'active';
      let logged = false;
      while (Date.now() < deadline && !(status === 'expired' && logged)) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        status = (await officer.get<{ status: string }>(`/grants/${grantId}`)).status;
        const exported = await officer.getPath<{ entries: unknown[] }>('/v1/audit/export?from=0');
        logged = JSON.stringify(exported.entries).includes(grantId);
      }
      expect(status).toBe('expired');
      expect(logged).toBe(true);
      expect(local.gateway.cron?.runs()).toBeGreaterThan(0);
    },
    OPEN_AT_LEAST_MS + CRON_PERIOD_MS + WAIT_AFTER_END_MS + 30_000,
  );
});
