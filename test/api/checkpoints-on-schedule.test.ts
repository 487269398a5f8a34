/**
 * Nothing from an anonymous caller is kept forever: asking for the checkpoint makes none. The
 * gateway signs checkpoints on its own schedule (the scheduled job, at most once a minute when the
 * log grew), and an export carries the one checkpoint its verification needs, however many the
 * schedule has made — so exports do not grow with every request for a checkpoint.
 */
import { parseCheckpoint, verifyCheckpoint, verifyExport, type AuditExport } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../gateway/src/services/housekeeping.js';
import { adminSession, createAgency, createClient, gatewayEnv, requestToken, testGateway } from './harness.js';
import { scheduledDeps } from './scheduled.js';

const log = () => gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName('log:main'));

describe('checkpoints are made on the schedule, not on request', () => {
  it('an anonymous checkpoint request after new entries signs nothing new; the scheduled job does', async () => {
    const gateway = testGateway();
    const officer = await createClient('privacy_officer', await createAgency());
    await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    const first = await (await gateway.request('/v1/audit/checkpoint')).text();
    const { vkey } = (await (await gateway.request('/v1/audit/key')).json()) as { vkey: string };
    expect(await verifyCheckpoint(first, vkey)).toBeTruthy();
    for (let i = 0; i < 5; i++) {
      await requestToken(gateway, officer, { scope: 'admin' }); // a new entry each time
      expect(await (await gateway.request('/v1/audit/checkpoint')).text()).toBe(first);
    }
    expect(await log().size()).toBeGreaterThan(parseCheckpoint(first).size);
    const report = await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    const next = await (await gateway.request('/v1/audit/checkpoint')).text();
    expect(parseCheckpoint(next).size).toBe(report.signedCheckpoint);
    expect(report.signedCheckpoint).toBe(await log().size());
  });

  it('an export carries one checkpoint and no chain of proofs, however many were made, and verifies', async () => {
    const gateway = testGateway();
    const officer = await createClient('privacy_officer', await createAgency());
    const admin = await adminSession(gateway, officer);
    for (let i = 0; i < 4; i++) {
      await requestToken(gateway, officer, { scope: 'admin' });
      await gateway.request('/v1/audit/checkpoint');
      await runHousekeeping(...scheduledDeps(), gateway.clock.now);
    }
    const exported = (await (await admin('GET', '/v1/audit/export?from=0')).json()) as AuditExport;
    expect(exported.checkpoints).toHaveLength(1);
    expect(exported.consistency).toEqual([]);
    const { vkey } = (await (await gateway.request('/v1/audit/key')).json()) as { vkey: string };
    expect(await verifyExport(exported, vkey)).toMatchObject({ ok: true });
  });
});
