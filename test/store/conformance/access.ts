import type { HiddenMark } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import type { AccessStore, AdminStores } from '../../../gateway/src/store/ports/index.js';
import { aClient, aGrant, agencyAndPurpose, commitOk, T0, uniq } from './fixtures.js';

/** The access store, with the administrative ports that write what it reads. */
export interface AccessStores extends AdminStores {
  readonly access: AccessStore;
}

/** Builds the stores under test. */
export type MakeAccessStores = () => AccessStores | Promise<AccessStores>;

/** A record version as the ingest stores it: current once committed, or pending (never read). */
export interface SeededRecord {
  readonly type: string;
  readonly id: string;
  readonly version: number;
  readonly plain: Record<string, unknown>;
  readonly pending: boolean;
}

/** Stores a record version (records are written by the ingest through its own port; this suite only reads them). */
export type SeedRecord = (record: SeededRecord) => Promise<void>;

/** A record type of this suite's own, so that no other suite's records are ever read. */
const TYPE = 'conformance_record';

/** A mark the suite hides records by. */
const MARK: HiddenMark = { type: TYPE, field: 'sensitivity', value: 'sensitive' };

/** A caller with a grant under a purpose, committed. */
async function aCaller(stores: AccessStores) {
  const { agency, purpose } = await agencyAndPurpose(stores);
  const client = aClient(agency.id, { kind: 'officer' });
  const grant = aGrant(purpose.id, agency.id, { status: 'active' });
  await commitOk(stores, [
    { op: 'client.insert', client },
    { op: 'grant.insert', grant },
  ]);
  return { agency, purpose, client, grant };
}

/** The contract of {@link AccessStore}, for any backend. */
export function describeAccessStoreConformance(makeStores: MakeAccessStores, seedRecord: SeedRecord): void {
  describe('access store', () => {
    it("reads the caller's standing now: client, grant, purpose and revocation", async () => {
      const stores = await makeStores();
      const { agency, purpose, client, grant } = await aCaller(stores);
      const tokenId = uniq('jti');
      const read = { tokenId, clientId: client.id, grantId: grant.id, purposeId: purpose.id };
      const standing = await stores.access.standing(read);
      expect(standing.revoked).toBe(false);
      expect(standing.client).toEqual({ kind: 'officer', agencyId: agency.id, status: 'active', encryptionJwk: client.encryptionJwk });
      expect(standing.grant).toMatchObject(grant);
      expect(standing.purpose).toMatchObject(purpose);
      expect(standing.record).toEqual([]);

      await stores.revocations.revoke(tokenId, client.id, T0, T0 + 300);
      expect((await stores.access.standing(read)).revoked).toBe(true);
      // Another token of the same client is not revoked with it.
      expect((await stores.access.standing({ ...read, tokenId: uniq('jti') })).revoked).toBe(false);
    });

    it('reads what is unknown, or not asked, as null', async () => {
      const stores = await makeStores();
      const { purpose, client, grant } = await aCaller(stores);
      const unknown = await stores.access.standing({ tokenId: uniq('jti'), clientId: uniq('client'), grantId: uniq('grant'), purposeId: uniq('purpose') });
      expect(unknown).toEqual({ revoked: false, client: null, grant: null, purpose: null, record: [] });
      const none = await stores.access.standing({ tokenId: uniq('jti'), clientId: client.id, grantId: null, purposeId: null });
      expect(none.client).not.toBeNull();
      expect(none.grant).toBeNull();
      expect(none.purpose).toBeNull();
      // The grant and purpose are read by the ids asked for, not by the client.
      const named = await stores.access.standing({ tokenId: uniq('jti'), clientId: uniq('client'), grantId: grant.id, purposeId: purpose.id });
      expect(named.client).toBeNull();
      expect(named.grant?.id).toBe(grant.id);
      expect(named.purpose?.id).toBe(purpose.id);
    });

    it('reads the standing as it is now: a suspended client reads suspended, a changed grant its new state', async () => {
      const stores = await makeStores();
      const { purpose, client, grant } = await aCaller(stores);
      await commitOk(stores, [
        { op: 'client.update', client: { ...client, status: 'suspended', etag: uniq('etag') }, expectedEtag: client.etag },
        { op: 'grant.state', grant: { ...grant, status: 'revoked', etag: uniq('etag') }, expectedEtag: grant.etag },
      ]);
      const standing = await stores.access.standing({ tokenId: uniq('jti'), clientId: client.id, grantId: grant.id, purposeId: purpose.id });
      expect(standing.client?.status).toBe('suspended');
      expect(standing.grant?.status).toBe('revoked');
    });

    it('reads the named record with the standing: its current version only, none for a pending one', async () => {
      const stores = await makeStores();
      const { purpose, client, grant } = await aCaller(stores);
      const id = uniq('R');
      await seedRecord({ type: TYPE, id, version: 1, plain: {}, pending: false });
      await seedRecord({ type: TYPE, id, version: 2, plain: {}, pending: false });
      await seedRecord({ type: TYPE, id, version: 3, plain: {}, pending: true });
      const pendingOnly = uniq('R');
      await seedRecord({ type: TYPE, id: pendingOnly, version: 1, plain: {}, pending: true });
      const base = { tokenId: uniq('jti'), clientId: client.id, grantId: grant.id, purposeId: purpose.id };

      const found = await stores.access.standing({ ...base, record: { type: TYPE, id, hide: null } });
      expect(found.record.map((r) => [r.type, r.id, r.version, r.pending])).toEqual([[TYPE, id, 2, false]]);
      expect(found.client?.kind).toBe('officer');
      expect((await stores.access.standing({ ...base, record: { type: TYPE, id: pendingOnly, hide: null } })).record).toEqual([]);
      expect((await stores.access.standing({ ...base, record: { type: TYPE, id: uniq('missing'), hide: null } })).record).toEqual([]);
      // Another type's record of the same id is not this one.
      expect((await stores.access.standing({ ...base, record: { type: 'conformance_other', id, hide: null } })).record).toEqual([]);
    });

    it('reads a record the caller may not see (null) as a missing one, and leaves out a record carrying the hidden mark', async () => {
      const stores = await makeStores();
      const { purpose, client, grant } = await aCaller(stores);
      const plainId = uniq('R');
      const marked = uniq('R');
      await seedRecord({ type: TYPE, id: plainId, version: 1, plain: { sensitivity: 'normal' }, pending: false });
      await seedRecord({ type: TYPE, id: marked, version: 1, plain: { sensitivity: 'sensitive' }, pending: false });
      const base = { tokenId: uniq('jti'), clientId: client.id, grantId: grant.id, purposeId: purpose.id };

      const notSeen = await stores.access.standing({ ...base, record: { type: TYPE, id: null, hide: null } });
      expect(notSeen.record).toEqual([]);
      expect(notSeen.grant?.id).toBe(grant.id);
      expect((await stores.access.standing({ ...base, record: { type: TYPE, id: marked, hide: MARK } })).record).toEqual([]);
      expect((await stores.access.standing({ ...base, record: { type: TYPE, id: plainId, hide: MARK } })).record.map((r) => r.id)).toEqual([plainId]);
      expect((await stores.access.standing({ ...base, record: { type: TYPE, id: marked, hide: null } })).record.map((r) => r.plain)).toEqual([
        { sensitivity: 'sensitive' },
      ]);
    });
  });
}
