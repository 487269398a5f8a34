import { describe, expect, it } from 'vitest';
import { aGrant, aGrantRequest, agencyAndPurpose, commitOk, eventFor, eventsOf, T0, uniq, type MakeStores } from './fixtures.js';

/** The contract of ending grants (withdrawing their requests, recording their viewer keys destroyed), for any backend. */
export function describeGrantEndingConformance(makeStores: MakeStores): void {
  describe('grant endings', () => {
    it('withdraws the pending requests of a grant, and is not a conflict when none is pending', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const grant = aGrant(purpose.id, agency.id, { status: 'active' });
      const request = aGrantRequest(grant.id, { action: 'extend', newNotAfter: T0 + 200_000 });
      await commitOk(stores, [
        { op: 'grant.insert', grant },
        { op: 'grant_request.insert', request },
      ]);
      await commitOk(stores, [{ op: 'grant_requests.withdraw', grantId: grant.id, at: T0 + 7 }], grant.id);
      expect(await stores.grants.openRequestFor(grant.id)).toBeNull();
      expect(await stores.grants.requestsFor(grant.id)).toEqual([{ ...request, status: 'withdrawn', decidedBy: 'system', decidedAt: T0 + 7 }]);
      await commitOk(stores, [{ op: 'grant_requests.withdraw', grantId: grant.id, at: T0 + 8 }], grant.id);
      expect((await stores.grants.requestsFor(grant.id))[0]?.decidedAt).toBe(T0 + 7);
      expect(await eventsOf(stores, grant.id)).toBe(2);
    });

    it('lists ended grants whose viewer keys are not recorded destroyed, least recently changed first, and records each once', async () => {
      const stores = await makeStores();
      const { agency, purpose } = await agencyAndPurpose(stores);
      const revoked = aGrant(purpose.id, agency.id, { status: 'revoked', updatedAt: T0 + 1 });
      const expired = aGrant(purpose.id, agency.id, { status: 'expired', updatedAt: T0 + 2 });
      const active = aGrant(purpose.id, agency.id, { status: 'active', updatedAt: T0 });
      await commitOk(stores, [
        { op: 'grant.insert', grant: revoked },
        { op: 'grant.insert', grant: expired },
        { op: 'grant.insert', grant: active },
      ]);
      const ours = async () => (await stores.grants.grantsToShred(1_000_000)).filter((id) => [revoked.id, expired.id, active.id].includes(id));
      expect(await ours()).toEqual([revoked.id, expired.id]);
      expect((await stores.grants.grantsToShred(1)).length).toBe(1);

      await commitOk(stores, [{ op: 'grant.keys_shredded', grantId: revoked.id, at: T0 + 10 }], revoked.id);
      expect(await ours()).toEqual([expired.id]);
      // Recording it again, or for a grant not ended, is no conflict and marks nothing.
      await commitOk(stores, [{ op: 'grant.keys_shredded', grantId: revoked.id, at: T0 + 11 }], revoked.id);
      await commitOk(stores, [{ op: 'grant.keys_shredded', grantId: active.id, at: T0 + 11 }], active.id);
      await commitOk(stores, [{ op: 'grant.keys_shredded', grantId: uniq('missing'), at: T0 + 11 }]);
      const ended = { ...active, status: 'revoked' as const, version: 2, etag: uniq('etag'), updatedAt: T0 + 20 };
      await commitOk(stores, [{ op: 'grant.state', grant: ended, expectedEtag: active.etag }], active.id);
      expect(await ours()).toEqual([expired.id, active.id]);
      // An ending whose etag was lost changes nothing, not even the withdrawal beside it.
      const lost = await stores.changes.commit(
        [
          { op: 'grant.state', grant: { ...expired, status: 'revoked', etag: uniq('etag') }, expectedEtag: uniq('stale') },
          { op: 'grant.keys_shredded', grantId: expired.id, at: T0 + 30 },
        ],
        eventFor(expired.id),
      );
      expect(lost).toEqual({ ok: false, reason: 'conflict' });
      expect(await ours()).toEqual([expired.id, active.id]);
    });
  });
}
