/**
 * Finding "A log append that fails half-way wedges the log": the log object wrote a batch entry by
 * entry and its frontier last, with no transaction around them, so an entry that could not be hashed
 * (a number canonical JSON refuses) after a good one left that good entry stored beyond the
 * frontier; every later append then hit its index and failed, and with it every token, disclosure and
 * ingest (the log fails closed). Each writing step of the object is now one storage transaction: a
 * failed step leaves nothing behind, spends no proof and counts no request.
 */
import { adminEntry, disclosureEntry, verifyExport, type AuditExport, type LogEntry } from '@need2know/audit';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AUDIT_SHARD, auditLog } from '../../gateway/src/services/access/audit.js';
import { AuditLog } from '../../gateway/src/store/objects/audit-log/audit-log.js';
import { accessTokenFor, adminSession, createAgency, createClient, gatewayEnv, testGateway, uniq } from './harness.js';

/**
 * Runs `step` on the log object itself (not through RPC), so the failure it provokes is caught here
 * rather than reported by the runtime as the object's uncaught error. The pool types the instance as
 * a Durable Object of the Worker's whole `Env`; the log object takes a narrower env, so it is told
 * apart by its class.
 */
const onLog = <R>(step: (log: AuditLog) => Promise<R>) =>
  runInDurableObject(gatewayEnv.AUDIT_LOG.get(gatewayEnv.AUDIT_LOG.idFromName(AUDIT_SHARD)), (instance) => {
    if (!(instance instanceof AuditLog)) throw new Error('the audit log namespace did not run the audit log object');
    return step(instance);
  });

const event = (seq: number, at: number): LogEntry =>
  adminEntry({ seq, at, actor: 'system', action: 'test.append', targetType: 'test', targetId: uniq('t'), detail: {}, prevHash: '', hash: '' });

describe('A log append that fails half-way wedges the log', () => {
  it('a batch with an entry that cannot be hashed appends nothing, and the log keeps working and verifying', async () => {
    const gateway = testGateway();
    const log = auditLog(gatewayEnv);
    const before = await log.size();
    await onLog((o) => expect(o.append([event(1, gateway.clock.now), event(2, gateway.clock.now + 0.5)])).rejects.toThrow(/safe integers/));
    expect(await log.size()).toBe(before);

    // Everything that logs still works: a token (logged at issuance), and the log exports and verifies.
    const agency = await createAgency();
    await accessTokenFor(gateway, await createClient('data_owner', agency, { ingestTypes: ['person'] }), { type: 'record_ingest', record_types: ['person'] });
    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const { vkey } = (await (await gateway.request('/v1/audit/key')).json()) as { vkey: string };
    const exported = (await (await officer('GET', `/v1/audit/export?from=${before}`)).json()) as AuditExport;
    expect(exported.entries.length).toBeGreaterThanOrEqual(2);
    expect(await verifyExport(exported, vkey)).toMatchObject({ ok: true });
  });

  it('a record request whose entry cannot be hashed spends no proof and counts no request', async () => {
    const gateway = testGateway();
    const log = auditLog(gatewayEnv);
    const before = await log.size();
    const scope = `grant:${uniq('g')}`;
    const budgets = [{ scope, requestsPerMinute: 1, personsPerHour: 10, requestLimit: 'requests_per_minute', personLimit: 'persons_per_hour' } as const];
    const entry = disclosureEntry({
      id: uniq('dsc'),
      at: gateway.clock.now + 0.5,
      clientId: 'c',
      agencyId: 'a',
      purposeId: 'p',
      grantId: 'g',
      action: 'fetch',
      recordType: 'person',
      subjects: [],
      fields: {},
      requestHash: 'r',
      responseHash: '',
      outcome: 'not_found',
    });
    const proof = { key: `dpop:test:${uniq('jti')}`, expiresAt: gateway.clock.now + 60 };
    await onLog((o) => expect(o.admitAndAppend({ now: gateway.clock.now, budgets, subjects: [] }, entry, entry, proof)).rejects.toThrow(/safe integers/));
    expect(await log.size()).toBe(before);
    // The proof is still fresh and the minute's one request still free: the failed step left nothing.
    const good = { ...entry, at: gateway.clock.now };
    expect(await log.admitAndAppend({ now: gateway.clock.now, budgets, subjects: [] }, good, good, proof)).toMatchObject({
      ok: true,
      replayed: false,
      index: before,
    });
  });
});
