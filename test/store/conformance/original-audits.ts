import { describe, expect, it } from 'vitest';
import type { ChangeStore, NewOriginalAudit, OriginalAuditStore, RegistryStore } from '../../../gateway/src/store/ports/index.js';
import { aClient, anAgency, T0, uniq } from './fixtures.js';

/** The stores the contract needs: the requests' reads, and the commits that write them (and the registry their approvers stand in). */
export type MakeOriginalAuditStores = () =>
  | { originalAudits: OriginalAuditStore; changes: ChangeStore; registry: RegistryStore }
  | Promise<{ originalAudits: OriginalAuditStore; changes: ChangeStore; registry: RegistryStore }>;

const aRequest = (over: Partial<NewOriginalAudit> = {}): NewOriginalAudit => ({
  id: uniq('oreq'),
  owner: uniq('owner'),
  ref: `media/case/${uniq('case')}/photo.jpg`,
  requestedBy: uniq('po'),
  requestedAt: T0,
  reason: 'Complaint about a visible face',
  status: 'open',
  approvals: [],
  closedBy: null,
  closedAt: null,
  ...over,
});

const event = (targetId: string) => ({ at: T0, actor: 'po-test', action: 'test.original_audit', targetType: 'original_audit', targetId, detail: {} });

/** The contract of {@link OriginalAuditStore} and its changes, for any backend. */
export function describeOriginalAuditStoreConformance(make: MakeOriginalAuditStores): void {
  describe('original audit store', () => {
    it('keeps a request, reads it by id, by photo and requester, and in the open list', async () => {
      const s = await make();
      const r = aRequest();
      expect((await s.changes.commit([{ op: 'original_audit.insert', request: r }], event(r.id))).ok).toBe(true);
      expect(await s.originalAudits.getOriginalAudit(r.id)).toEqual({ ...r, approvers: [] });
      expect((await s.originalAudits.originalAuditsFor(r.owner, r.ref, r.requestedBy)).map((x) => x.id)).toEqual([r.id]);
      expect(await s.originalAudits.originalAuditsFor(r.owner, r.ref, uniq('po'))).toEqual([]);
      expect((await s.originalAudits.listOriginalAudits({ limit: 1000 })).map((x) => x.id)).toContain(r.id);
      expect(await s.originalAudits.getOriginalAudit(uniq('oreq'))).toBeNull();
      // An id taken is a conflict, and logs nothing.
      expect((await s.changes.commit([{ op: 'original_audit.insert', request: r }], event(r.id))).ok).toBe(false);
    });

    it('appends approvals only on the count read, with each approver’s standing now', async () => {
      const s = await make();
      const agency = anAgency();
      const lead = aClient(agency.id, { kind: 'privacy_officer', roles: ['leadership'] });
      expect(
        (
          await s.changes.commit(
            [
              { op: 'agency.insert', agency },
              { op: 'client.insert', client: lead },
            ],
            event(lead.id),
          )
        ).ok,
      ).toBe(true);
      const r = aRequest();
      await s.changes.commit([{ op: 'original_audit.insert', request: r }], event(r.id));
      const approval = { by: lead.id, at: T0 + 5 };
      expect((await s.changes.commit([{ op: 'original_audit.approve', id: r.id, approval, expectedApprovals: 0 }], event(r.id))).ok).toBe(true);
      // A second approval read on the same count loses the race.
      expect(
        (await s.changes.commit([{ op: 'original_audit.approve', id: r.id, approval: { by: 'x', at: T0 + 6 }, expectedApprovals: 0 }], event(r.id))).ok,
      ).toBe(false);
      const read = await s.originalAudits.getOriginalAudit(r.id);
      expect(read?.approvals).toEqual([approval]);
      expect(read?.approvers).toEqual([{ id: lead.id, kind: 'privacy_officer', status: 'active', roles: ['leadership'] }]);
    });

    it('ends an open request once; an ended one takes no approval and leaves the open list', async () => {
      const s = await make();
      const r = aRequest();
      await s.changes.commit([{ op: 'original_audit.insert', request: r }], event(r.id));
      const close = { op: 'original_audit.close' as const, id: r.id, status: 'revoked' as const, by: 'po-b', at: T0 + 9 };
      expect((await s.changes.commit([close], event(r.id))).ok).toBe(true);
      expect((await s.changes.commit([close], event(r.id))).ok).toBe(false);
      expect((await s.changes.commit([{ op: 'original_audit.approve', id: r.id, approval: { by: 'x', at: T0 }, expectedApprovals: 0 }], event(r.id))).ok).toBe(
        false,
      );
      expect(await s.originalAudits.getOriginalAudit(r.id)).toMatchObject({ status: 'revoked', closedBy: 'po-b', closedAt: T0 + 9, approvals: [] });
      expect((await s.originalAudits.listOriginalAudits({ limit: 1000 })).map((x) => x.id)).not.toContain(r.id);
      expect((await s.originalAudits.listOriginalAudits({ status: 'all', limit: 1000 })).map((x) => x.id)).toContain(r.id);
    });
  });
}
