import { describe, expect, it } from 'vitest';
import { aClient, anAgency, commitOk, eventFor, eventsOf, T0, uniq, type MakeStores } from './fixtures.js';

/** The contract of {@link RegistryStore} and of the registry's changes, for any backend. */
export function describeRegistryStoreConformance(makeStores: MakeStores): void {
  describe('registry store', () => {
    it('reads back an agency as written, and lists agencies ordered by id', async () => {
      const stores = await makeStores();
      const [b, a] = [anAgency(uniq('zz-agency')), anAgency(uniq('aa-agency'))];
      await commitOk(stores, [
        { op: 'agency.insert', agency: b },
        { op: 'agency.insert', agency: { ...a, nameKm: 'ក្រសួង' } },
      ]);
      expect(await stores.registry.getAgency(b.id)).toEqual(b);
      expect(await stores.registry.getAgency(a.id)).toEqual({ ...a, nameKm: 'ក្រសួង' });
      expect(await stores.registry.getAgency(uniq('missing'))).toBeNull();
      const ids = (await stores.registry.listAgencies()).map((x) => x.id);
      expect(ids).toEqual([...ids].sort());
      expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    });

    it('refuses an agency or client id already taken, and then changes and logs nothing', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      await commitOk(stores, [{ op: 'agency.insert', agency }], agency.id);
      const again = await stores.changes.commit([{ op: 'agency.insert', agency: { ...agency, name: 'Another' } }], eventFor(agency.id));
      expect(again).toEqual({ ok: false, reason: 'conflict' });
      expect((await stores.registry.getAgency(agency.id))?.name).toBe(agency.name);
      expect(await eventsOf(stores, agency.id)).toBe(1);

      const client = aClient(agency.id);
      await commitOk(stores, [{ op: 'client.insert', client }], client.id);
      const dup = await stores.changes.commit([{ op: 'client.insert', client: { ...client, name: 'Impostor' } }], eventFor(client.id));
      expect(dup.ok).toBe(false);
      expect((await stores.registry.getClient(client.id))?.name).toBe(client.name);
      expect(await eventsOf(stores, client.id)).toBe(1);
    });

    it('reads back a client with its keys, ingest types and roles, and filters clients by agency and kind, ordered by id', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const partner = aClient(agency.id, { id: uniq('b-client') });
      const officer = aClient(agency.id, { id: uniq('a-client'), kind: 'privacy_officer', encryptionJwk: null, roles: ['leadership'] });
      const owner = aClient(agency.id, { id: uniq('c-client'), kind: 'data_owner', ingestTypes: ['person', 'case'] });
      await commitOk(stores, [{ op: 'agency.insert', agency }, ...[partner, officer, owner].map((client) => ({ op: 'client.insert' as const, client }))]);
      expect(await stores.registry.getClient(partner.id)).toEqual(partner);
      expect(await stores.registry.getClient(officer.id)).toEqual(officer);
      expect(await stores.registry.getClient(owner.id)).toEqual(owner);
      expect((await stores.registry.listClients({ agencyId: agency.id })).map((c) => c.id)).toEqual([officer.id, partner.id, owner.id]);
      expect((await stores.registry.listClients({ agencyId: agency.id, kind: 'data_owner' })).map((c) => c.id)).toEqual([owner.id]);
      expect((await stores.registry.listClients({ kind: 'privacy_officer' })).map((c) => c.id)).toContain(officer.id);
      expect((await stores.registry.listClients({ kind: 'privacy_officer' })).every((c) => c.kind === 'privacy_officer')).toBe(true);
    });

    it('updates a client only while it carries the expected etag; a stale etag changes nothing in the whole unit', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const client = aClient(agency.id, { status: 'suspended' });
      await commitOk(
        stores,
        [
          { op: 'agency.insert', agency },
          { op: 'client.insert', client },
        ],
        client.id,
      );
      const next = { ...client, status: 'active' as const, name: 'Renamed', etag: uniq('etag'), updatedAt: T0 + 5 };
      await commitOk(stores, [{ op: 'client.update', client: next, expectedEtag: client.etag }], client.id);
      expect(await stores.registry.getClient(client.id)).toEqual(next);

      const other = anAgency();
      const stale = await stores.changes.commit(
        [
          { op: 'agency.insert', agency: other },
          { op: 'client.update', client: { ...next, status: 'suspended', etag: uniq('etag') }, expectedEtag: client.etag },
        ],
        eventFor(client.id),
      );
      expect(stale).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.registry.getClient(client.id)).toEqual(next);
      expect(await stores.registry.getAgency(other.id)).toBeNull();
      expect(await eventsOf(stores, client.id)).toBe(2);
    });

    it('registers bootstrap officers once, re-keys a privacy officer whose configured key changed, and leaves other clients alone', async () => {
      const stores = await makeStores();
      const agencyId = uniq('boot-agency');
      const officer = aClient(agencyId, { kind: 'privacy_officer', encryptionJwk: null, name: 'First officer' });
      expect(await stores.registry.registerBootstrapOfficers([{ officer, agencyName: 'Privacy Office' }], T0)).toEqual([officer.id]);
      expect((await stores.registry.getAgency(agencyId))?.name).toBe('Privacy Office');
      expect(await stores.registry.getClient(officer.id)).toMatchObject({ kind: 'privacy_officer', status: 'active', signingJwks: officer.signingJwks });
      expect(await stores.registry.registerBootstrapOfficers([{ officer, agencyName: 'Renamed office' }], T0 + 1)).toEqual([]);
      expect((await stores.registry.getAgency(agencyId))?.name).toBe('Privacy Office');

      const rekeyed = { ...officer, signingJwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'BBBB' }] } };
      expect(await stores.registry.registerBootstrapOfficers([{ officer: rekeyed, agencyName: 'Privacy Office' }], T0 + 2)).toEqual([officer.id]);
      expect((await stores.registry.getClient(officer.id))?.signingJwks).toEqual(rekeyed.signingJwks);

      const partner = aClient(agencyId);
      await commitOk(stores, [{ op: 'client.insert', client: partner }]);
      const hijack = { ...partner, kind: 'privacy_officer' as const, signingJwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'CCCC' }] } };
      expect(await stores.registry.registerBootstrapOfficers([{ officer: hijack, agencyName: 'Privacy Office' }], T0 + 3)).toEqual([]);
      expect(await stores.registry.getClient(partner.id)).toEqual(partner);
      expect(await stores.registry.registerBootstrapOfficers([], T0)).toEqual([]);
    });

    it('keeps one open enrolment code per officer, open only until it expires', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const officer = aClient(agency.id, { kind: 'officer', signingJwks: { keys: [] }, encryptionJwk: null });
      await commitOk(stores, [
        { op: 'agency.insert', agency },
        { op: 'client.insert', client: officer },
      ]);
      expect(await stores.registry.latestEnrolmentCode(officer.id)).toBeNull();
      const first = { codeHash: uniq('hash'), officerId: officer.id, issuedBy: 'po-test', issuedAt: T0, expiresAt: T0 + 600 };
      await commitOk(stores, [{ op: 'enrolment_code.issue', code: first }]);
      expect(await stores.registry.findOpenEnrolmentCode(first.codeHash, T0 + 599)).toEqual({ ...first, status: 'open' });
      expect(await stores.registry.findOpenEnrolmentCode(first.codeHash, T0 + 600)).toBeNull();
      expect(await stores.registry.findOpenEnrolmentCode(uniq('hash'), T0)).toBeNull();

      const second = { ...first, codeHash: uniq('hash'), issuedAt: T0 + 10, expiresAt: T0 + 900 };
      await commitOk(stores, [{ op: 'enrolment_code.issue', code: second }]);
      expect(await stores.registry.findOpenEnrolmentCode(first.codeHash, T0 + 11)).toBeNull();
      expect(await stores.registry.findOpenEnrolmentCode(second.codeHash, T0 + 11)).toEqual({ ...second, status: 'open' });
      expect(await stores.registry.latestEnrolmentCode(officer.id)).toEqual({ expiresAt: T0 + 900, status: 'open' });

      await commitOk(stores, [{ op: 'enrolment_codes.void', officerId: officer.id }]);
      expect(await stores.registry.findOpenEnrolmentCode(second.codeHash, T0 + 11)).toBeNull();
      expect(await stores.registry.latestEnrolmentCode(officer.id)).toEqual({ expiresAt: T0 + 900, status: 'void' });
      // Voiding when nothing is open is not a conflict.
      await commitOk(stores, [{ op: 'enrolment_codes.void', officerId: officer.id }]);
    });

    it('spends an open code once, never after it expired, and a refused spend changes nothing beside it', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const officer = aClient(agency.id, { kind: 'officer', signingJwks: { keys: [] }, encryptionJwk: null });
      await commitOk(stores, [
        { op: 'agency.insert', agency },
        { op: 'client.insert', client: officer },
      ]);
      const code = { codeHash: uniq('hash'), officerId: officer.id, issuedBy: 'po-test', issuedAt: T0, expiresAt: T0 + 600 };
      await commitOk(stores, [{ op: 'enrolment_code.issue', code }]);
      const renamed = (name: string) => ({ ...officer, name, etag: uniq('etag') });

      const late = await stores.changes.commit(
        [
          { op: 'enrolment_code.spend', codeHash: code.codeHash, now: T0 + 600 },
          { op: 'client.update', client: renamed('Late'), expectedEtag: officer.etag },
        ],
        eventFor(officer.id),
      );
      expect(late).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.registry.getClient(officer.id)).toEqual(officer);
      expect(await stores.registry.findOpenEnrolmentCode(code.codeHash, T0 + 1)).not.toBeNull();

      const first = renamed('Enrolled');
      await commitOk(
        stores,
        [
          { op: 'enrolment_code.spend', codeHash: code.codeHash, now: T0 + 1 },
          { op: 'client.update', client: first, expectedEtag: officer.etag },
        ],
        officer.id,
      );
      expect(await stores.registry.findOpenEnrolmentCode(code.codeHash, T0 + 2)).toBeNull();
      expect(await stores.registry.latestEnrolmentCode(officer.id)).toEqual({ expiresAt: T0 + 600, status: 'used' });

      const twice = await stores.changes.commit(
        [
          { op: 'enrolment_code.spend', codeHash: code.codeHash, now: T0 + 2 },
          { op: 'client.update', client: renamed('Twice'), expectedEtag: first.etag },
        ],
        eventFor(officer.id),
      );
      expect(twice).toEqual({ ok: false, reason: 'conflict' });
      expect(await stores.registry.getClient(officer.id)).toEqual(first);
      expect(await eventsOf(stores, officer.id)).toBe(1);
    });
  });
}
