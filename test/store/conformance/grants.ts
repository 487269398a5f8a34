import { describe, expect, it } from 'vitest';
import { aClient, aGrant, aGrantRequest, agencyAndPurpose, commitOk, eventFor, eventsOf, T0, uniq, type MakeStores } from './fixtures.js';

/** The contract of {@link GrantStore} and of grant changes, for any backend. */
export function describeGrantStoreConformance(makeStores: MakeStores): void {
  describe('grant store', () => {
    it('reads back a grant with its request, and refuses a second open request on the same grant', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const grant = aGrant(purpose.id, agency.id, { recordIds: ['P-1', 'P-2'], mediaUnblurred: true, sensitiveCases: true });
      const request = aGrantRequest(grant.id);
      await commitOk(
        stores,
        [
          { op: 'grant.insert', grant },
          { op: 'grant_request.insert', request },
        ],
        grant.id,
      );
      expect(await stores.grants.getGrant(grant.id)).toMatchObject(grant);
      expect(await stores.grants.getGrant(uniq('missing'))).toBeNull();
      expect(await stores.grants.openRequestFor(grant.id)).toMatchObject(request);
      expect(await stores.grants.requestsFor(grant.id)).toMatchObject([request]);

      const second = await stores.changes.commit(
        [{ op: 'grant_request.insert', request: aGrantRequest(grant.id, { action: 'extend', newNotAfter: T0 + 90_000 }) }],
        eventFor(grant.id),
      );
      expect(second).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.grants.requestsFor(grant.id)).toHaveLength(1);
      expect(await eventsOf(stores, grant.id)).toBe(1);
      const dup = await stores.changes.commit([{ op: 'grant.insert', grant: { ...grant, note: 'again' } }], eventFor(grant.id));
      expect(dup.ok).toBe(false);
    });

    it('closes a pending request once: closing it again is a conflict that changes nothing, not even the grant beside it', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const grant = aGrant(purpose.id, agency.id);
      const request = aGrantRequest(grant.id);
      await commitOk(
        stores,
        [
          { op: 'grant.insert', grant },
          { op: 'grant_request.insert', request },
        ],
        grant.id,
      );
      const active = { ...grant, status: 'active' as const, version: 2, etag: uniq('etag'), updatedAt: T0 + 1 };
      await commitOk(
        stores,
        [
          { op: 'grant.state', grant: active, expectedEtag: grant.etag },
          { op: 'grant_request.close', closing: { id: request.id, status: 'approved', by: 'po-two', at: T0 + 1 } },
        ],
        grant.id,
      );
      expect(await stores.grants.openRequestFor(grant.id)).toBeNull();
      expect(await stores.grants.requestsFor(grant.id)).toMatchObject([{ id: request.id, status: 'approved', decidedBy: 'po-two', decidedAt: T0 + 1 }]);

      const revoked = { ...active, status: 'revoked' as const, version: 3, etag: uniq('etag'), updatedAt: T0 + 2 };
      const again = await stores.changes.commit(
        [
          { op: 'grant.state', grant: revoked, expectedEtag: active.etag },
          { op: 'grant_request.close', closing: { id: request.id, status: 'rejected', by: 'po-three', at: T0 + 2 } },
        ],
        eventFor(grant.id),
      );
      expect(again).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.grants.getGrant(grant.id)).toMatchObject(active);
      expect(await stores.grants.requestsFor(grant.id)).toMatchObject([{ status: 'approved', decidedBy: 'po-two' }]);
      expect(await eventsOf(stores, grant.id)).toBe(2);
    });

    it('changes a grant only while it carries the expected etag', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const grant = aGrant(purpose.id, agency.id, { status: 'active' });
      await commitOk(stores, [{ op: 'grant.insert', grant }], grant.id);
      const shorter = { ...grant, notAfter: T0 + 100, version: 2, etag: uniq('etag') };
      await commitOk(stores, [{ op: 'grant.state', grant: shorter, expectedEtag: grant.etag }], grant.id);
      for (const op of ['grant.state', 'grant.approvals'] as const) {
        const lost = await stores.changes.commit(
          [{ op, grant: { ...grant, status: 'suspended', leadershipApprovals: ['x'], etag: uniq('etag') }, expectedEtag: grant.etag }],
          eventFor(grant.id),
        );
        expect(lost).toEqual({ ok: false, reason: 'conflict' });
      }
      expect(await stores.grants.getGrant(grant.id)).toMatchObject(shorter);
      expect(await eventsOf(stores, grant.id)).toBe(2);
    });

    it("reads each leadership approval with its approver's standing now", async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const leader = aClient(agency.id, { kind: 'privacy_officer', roles: ['leadership'], encryptionJwk: null });
      const grant = aGrant(purpose.id, agency.id, { sensitiveCases: true });
      await commitOk(stores, [
        { op: 'client.insert', client: leader },
        { op: 'grant.insert', grant },
      ]);
      const approved = { ...grant, leadershipApprovals: [leader.id], version: 2, etag: uniq('etag') };
      await commitOk(stores, [{ op: 'grant.approvals', grant: approved, expectedEtag: grant.etag }]);
      const standing = { id: leader.id, kind: 'privacy_officer', status: 'active', roles: ['leadership'] };
      expect((await stores.grants.getGrant(grant.id))?.leadershipApprovers).toEqual([standing]);

      await commitOk(stores, [{ op: 'client.update', client: { ...leader, status: 'suspended', etag: uniq('etag') }, expectedEtag: leader.etag }]);
      const read = await stores.grants.getGrant(grant.id);
      expect(read?.leadershipApprovals).toEqual([leader.id]);
      expect(read?.leadershipApprovers).toEqual([{ ...standing, status: 'suspended' }]);
      expect((await stores.grants.listGrants({ agencyId: agency.id }))[0]?.leadershipApprovers).toEqual([{ ...standing, status: 'suspended' }]);
    });

    it('lists grants by purpose, agency and status, newest first', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const old = aGrant(purpose.id, agency.id, { createdAt: T0 - 100, status: 'active' });
      const fresh = aGrant(purpose.id, agency.id, { createdAt: T0 + 100 });
      const middle = aGrant(purpose.id, agency.id, { createdAt: T0, status: 'active' });
      await commitOk(
        stores,
        [old, fresh, middle].map((grant) => ({ op: 'grant.insert' as const, grant })),
      );
      expect((await stores.grants.listGrants({ agencyId: agency.id })).map((g) => g.id)).toEqual([fresh.id, middle.id, old.id]);
      expect((await stores.grants.listGrants({ purposeId: purpose.id, status: 'active' })).map((g) => g.id)).toEqual([middle.id, old.id]);
      expect(await stores.grants.listGrants({ agencyId: agency.id, status: 'revoked' })).toEqual([]);
    });

    it('finds the grants in force for issuance and those due to expire, by their window at a given time', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      // Windows in 1970, so that no other test's grant is due before them.
      const at = (notAfter: number, over = {}) => aGrant(purpose.id, agency.id, { notBefore: 0, notAfter, ...over });
      const activeSoon = at(30, { status: 'active' });
      const suspended = at(20, { status: 'suspended' });
      const pending = at(10);
      const expired = at(5, { status: 'expired' });
      const revoked = at(6, { status: 'revoked' });
      const later = at(50, { status: 'active' });
      await commitOk(
        stores,
        [activeSoon, suspended, pending, expired, revoked, later].map((grant) => ({ op: 'grant.insert' as const, grant })),
      );

      expect((await stores.grants.grantsDueToExpire(30, 10)).map((g) => g.id)).toEqual([pending.id, suspended.id, activeSoon.id]);
      expect((await stores.grants.grantsDueToExpire(30, 2)).map((g) => g.id)).toEqual([pending.id, suspended.id]);
      expect((await stores.grants.grantsDueToExpire(29, 10)).map((g) => g.id)).toEqual([pending.id, suspended.id]);

      expect((await stores.grants.activeGrantsFor(purpose.id, agency.id, 29)).map((g) => g.id).sort()).toEqual([activeSoon.id, later.id].sort());
      expect((await stores.grants.activeGrantsFor(purpose.id, agency.id, 30)).map((g) => g.id)).toEqual([later.id]);
      expect(await stores.grants.activeGrantsFor(purpose.id, uniq('other-agency'), 0)).toEqual([]);
    });

    it('lists pending requests of every grant oldest first, and every request of one grant', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const [g1, g2] = [aGrant(purpose.id, agency.id), aGrant(purpose.id, agency.id)];
      const late = aGrantRequest(g1.id, { requestedAt: T0 + 50 });
      const early = aGrantRequest(g2.id, { requestedAt: T0 - 50 });
      await commitOk(
        stores,
        [g1, g2].map((grant) => ({ op: 'grant.insert' as const, grant })),
      );
      await commitOk(
        stores,
        [late, early].map((request) => ({ op: 'grant_request.insert' as const, request })),
      );
      const pending = (await stores.grants.pendingGrantRequests()).map((r) => r.id);
      expect(pending.indexOf(early.id)).toBeGreaterThanOrEqual(0);
      expect(pending.indexOf(early.id)).toBeLessThan(pending.indexOf(late.id));
      await commitOk(stores, [{ op: 'grant_request.close', closing: { id: late.id, status: 'withdrawn', by: 'po-test', at: T0 + 60 } }]);
      expect((await stores.grants.pendingGrantRequests()).map((r) => r.id)).not.toContain(late.id);
      const next = aGrantRequest(g1.id, { action: 'extend', newNotAfter: T0 + 200_000, requestedAt: T0 + 70 });
      await commitOk(stores, [{ op: 'grant_request.insert', request: next }]);
      expect(await stores.grants.requestsFor(g1.id)).toMatchObject([
        { id: late.id, status: 'withdrawn' },
        { id: next.id, status: 'pending', action: 'extend', newNotAfter: T0 + 200_000 },
      ]);
    });
  });
}
