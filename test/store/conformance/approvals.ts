import { describe, expect, it } from 'vitest';
import { aClient, anAdminRequest, anAgency, commitOk, eventFor, eventsOf, T0, uniq, type MakeStores } from './fixtures.js';

/** The contract of {@link ApprovalStore} and of registry requests' changes, for any backend. */
export function describeApprovalStoreConformance(makeStores: MakeStores): void {
  describe('approval store', () => {
    it('reads back a request with its payload, and refuses a second pending one of the same kind for the same target', async () => {
      const stores = await makeStores();
      const target = uniq('target');
      const request = anAdminRequest(target);
      await commitOk(stores, [{ op: 'admin_request.insert', request }], target);
      expect(await stores.approvals.getAdminRequest(request.id)).toEqual(request);
      expect(await stores.approvals.getAdminRequest(uniq('missing'))).toBeNull();

      const same = await stores.changes.commit([{ op: 'admin_request.insert', request: anAdminRequest(target) }], eventFor(target));
      expect(same).toEqual({ ok: false, reason: 'conflict' });
      expect(await eventsOf(stores, target)).toBe(1);
      // Another kind for the same target may wait beside it.
      await commitOk(stores, [{ op: 'admin_request.insert', request: anAdminRequest(target, { kind: 'client.rekey' }) }], target);
      expect(await stores.approvals.listAdminRequests({ targetId: target })).toHaveLength(2);
    });

    it('lists pending requests by default, every status on asking, by target, newest first', async () => {
      const stores = await makeStores();
      const target = uniq('target');
      const older = anAdminRequest(target, { kind: 'officer.create', requestedAt: T0 - 10 });
      const newer = anAdminRequest(target, { kind: 'officer.rekey', requestedAt: T0 + 10 });
      const elsewhere = anAdminRequest(uniq('target'));
      await commitOk(
        stores,
        [older, newer, elsewhere].map((request) => ({ op: 'admin_request.insert' as const, request })),
      );
      expect((await stores.approvals.listAdminRequests({ targetId: target })).map((r) => r.id)).toEqual([newer.id, older.id]);
      await commitOk(stores, [{ op: 'admin_request.close', closing: { id: older.id, status: 'rejected', by: 'po-two', at: T0 + 20 } }]);
      expect((await stores.approvals.listAdminRequests({ targetId: target })).map((r) => r.id)).toEqual([newer.id]);
      expect((await stores.approvals.listAdminRequests({ targetId: target, status: 'rejected' })).map((r) => r.id)).toEqual([older.id]);
      expect((await stores.approvals.listAdminRequests({ targetId: target, status: 'all' })).map((r) => r.id)).toEqual([newer.id, older.id]);
      const pending = await stores.approvals.listAdminRequests();
      expect(pending.every((r) => r.status === 'pending')).toBe(true);
      expect(pending.map((r) => r.id)).toContain(elsewhere.id);
    });

    it('closes a request once: a second decision is a conflict that applies nothing of its change', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const client = aClient(agency.id, { status: 'suspended' });
      const request = anAdminRequest(client.id, { payload: { etag: client.etag } });
      await commitOk(
        stores,
        [
          { op: 'agency.insert', agency },
          { op: 'client.insert', client },
          { op: 'admin_request.insert', request },
        ],
        client.id,
      );
      await commitOk(stores, [{ op: 'admin_request.close', closing: { id: request.id, status: 'rejected', by: 'po-two', at: T0 + 1 } }], client.id);
      expect(await stores.approvals.getAdminRequest(request.id)).toMatchObject({ status: 'rejected', decidedBy: 'po-two', decidedAt: T0 + 1 });

      // An approval read before the rejection committed: the client is unchanged, so only the close can stop it.
      const approve = await stores.changes.commit(
        [
          { op: 'client.update', client: { ...client, status: 'active', etag: uniq('etag') }, expectedEtag: client.etag },
          { op: 'admin_request.close', closing: { id: request.id, status: 'approved', by: 'po-three', at: T0 + 2 } },
        ],
        eventFor(client.id),
      );
      expect(approve).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.registry.getClient(client.id)).toEqual(client);
      expect(await stores.approvals.getAdminRequest(request.id)).toMatchObject({ status: 'rejected', decidedBy: 'po-two' });
      expect(await eventsOf(stores, client.id)).toBe(2);

      const unknown = await stores.changes.commit(
        [{ op: 'admin_request.close', closing: { id: uniq('missing'), status: 'withdrawn', by: 'po-test', at: T0 } }],
        eventFor(client.id),
      );
      expect(unknown.ok).toBe(false);
    });
  });
}
