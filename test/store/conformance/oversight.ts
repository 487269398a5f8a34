import { describe, expect, it } from 'vitest';
import type { ChangeStore } from '../../../gateway/src/store/ports/changes.js';
import type { HealthStore } from '../../../gateway/src/store/ports/health.js';
import type { OversightStore } from '../../../gateway/src/store/ports/oversight.js';
import type { NewReveal } from '../../../gateway/src/store/ports/viewer.js';
import { anAgency, aPurpose, eventFor, T0, uniq } from './fixtures.js';

/** Oversight's port, with the change store that registers the agencies and purposes reports join. */
export interface OversightStores {
  readonly oversight: OversightStore;
  readonly health: HealthStore;
  readonly changes: ChangeStore;
}

/** Builds the oversight stores under test. */
export type MakeOversightStores = () => OversightStores | Promise<OversightStores>;

/** A disclosure or refusal as the log records it (`FORMAT.md`, kind `disclosure`): what the log object indexes. */
export interface LoggedDisclosure {
  readonly id: string;
  readonly at: number;
  readonly client: string;
  readonly agency: string;
  readonly purpose: string;
  readonly grant: string;
  readonly action: string;
  readonly record_type: string;
  readonly subjects: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly request_hash: string;
  readonly response_hash: string;
  readonly outcome: string;
}

/** How a backend's test puts what the log object would index (`entry` at log position `index`), and a reveal the viewer kept. */
export interface OversightSeeds {
  disclosure(index: number, entry: LoggedDisclosure): Promise<void>;
  reveal(reveal: NewReveal): Promise<void>;
}

const DAY = 86_400;
/** A UTC midnight far from the other tests' times. */
const D0 = 2_000_000_000 - (2_000_000_000 % DAY) + 50 * DAY;

/** The contract of {@link OversightStore} and {@link HealthStore}, for any backend. */
export function describeOversightStoreConformance(makeStores: MakeOversightStores, seed: OversightSeeds): void {
  describe('oversight store', () => {
    it('reads the disclosures about persons, the usage by day and the outcomes by slot from the index', async () => {
      const stores = await makeStores();
      const agency = anAgency();
      const purpose = aPurpose([agency.id], { notificationDelayDays: 3 });
      const target = uniq('setup');
      expect(
        (
          await stores.changes.commit(
            [
              { op: 'agency.insert', agency },
              { op: 'purpose.insert', purpose },
            ],
            eventFor(target),
          )
        ).ok,
      ).toBe(true);
      const [alice, bob] = [uniq('subject'), uniq('subject')];
      const base = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
      const logged = (n: number, over: Partial<LoggedDisclosure>): LoggedDisclosure => ({
        id: uniq('d'),
        at: D0 + n * 60,
        client: 'client-a',
        agency: agency.id,
        purpose: purpose.id,
        grant: 'grant-a',
        action: 'fetch',
        record_type: 'person',
        subjects: [alice],
        fields: { name_latin: 'clear', phone: 'masked' },
        request_hash: 'rq',
        response_hash: 'rs',
        outcome: 'disclosed',
        ...over,
      });
      const first = logged(1, { subjects: [alice, bob] });
      const second = logged(2, { action: 'search' });
      const refused = logged(3, { outcome: 'not_found', subjects: [] });
      const limited = logged(4, { outcome: 'rate_limited', subjects: [] });
      const nextDay = logged(DAY / 60 + 1, { subjects: [bob], fields: { name_latin: 'clear' } });
      const entries = [first, second, refused, limited, nextDay];
      for (const [i, e] of entries.entries()) await seed.disclosure(base + i, e);
      await seed.disclosure(base, first); // indexed again after a crash: nothing changes

      const aboutAlice = await stores.oversight.disclosuresAboutSubjects([alice]);
      expect(aboutAlice).toEqual([
        {
          id: first.id,
          at: first.at,
          agencyId: agency.id,
          purposeId: purpose.id,
          grantId: 'grant-a',
          action: 'fetch',
          recordType: 'person',
          fields: first.fields,
          logIndex: base,
          delayDays: 3,
        },
        expect.objectContaining({ id: second.id, action: 'search', logIndex: base + 1 }),
      ]);
      expect((await stores.oversight.disclosuresAboutSubjects([bob, alice])).map((d) => d.id)).toEqual([first.id, second.id, nextDay.id]);
      expect(await stores.oversight.disclosuresAboutSubjects([uniq('nobody')])).toEqual([]);

      expect(await stores.oversight.subjectsInDisclosure(first.id, [alice, bob, uniq('other')])).toBe(2);
      expect(await stores.oversight.subjectsInDisclosure(second.id, [bob])).toBe(0);

      const usage = await stores.oversight.usageByDay(D0, D0 + 2 * DAY, agency.id);
      expect(usage).toEqual([
        {
          day: new Date(D0 * 1000).toISOString().slice(0, 10),
          agencyId: agency.id,
          purposeId: purpose.id,
          disclosures: 2,
          persons: 2,
          fieldsDisclosed: 4,
          notFound: 1,
          rateLimited: 1,
          keysDestroyed: 0,
          reasonRefused: 0,
        },
        expect.objectContaining({ day: new Date((D0 + DAY) * 1000).toISOString().slice(0, 10), disclosures: 1, persons: 1, fieldsDisclosed: 1 }),
      ]);
      expect(await stores.oversight.usageByDay(D0 + 2 * DAY, D0 + 3 * DAY, agency.id)).toEqual([]);

      const slots = [
        [D0, D0 + DAY],
        [D0 + DAY, D0 + 2 * DAY],
        [D0 + 2 * DAY, D0 + 3 * DAY],
      ] as const;
      const counts = await stores.oversight.outcomeCountsBySlot(slots, ['not_found', 'key_destroyed'], { agencyId: agency.id });
      expect([...counts].sort((a, b) => a.slot - b.slot)).toEqual([
        { slot: 0, agencyId: agency.id, purposeId: purpose.id, disclosed: 2, refused: 1, rateLimited: 1 },
        { slot: 1, agencyId: agency.id, purposeId: purpose.id, disclosed: 1, refused: 0, rateLimited: 0 },
      ]);
      expect(await stores.oversight.outcomeCountsBySlot(slots, ['not_found'], { agencyId: agency.id, purposeId: uniq('other') })).toEqual([]);
    });

    it('searches the disclosure log newest first, by every filter, a page at a time, giving how many persons and never which', async () => {
      const stores = await makeStores();
      const agency = uniq('agency');
      const base = 2_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
      const row = (n: number, over: Partial<LoggedDisclosure> = {}): LoggedDisclosure => ({
        id: `${agency}-${n}`,
        at: D0 + 10 * DAY + n,
        client: 'client-a',
        agency,
        purpose: 'purpose-a',
        grant: 'grant-a',
        action: 'fetch',
        record_type: 'person',
        subjects: [uniq('subject'), uniq('subject')],
        fields: { name_latin: 'clear' },
        request_hash: 'rq',
        response_hash: 'rs',
        outcome: 'disclosed',
        ...over,
      });
      const rows = [
        row(1),
        row(2, { outcome: 'not_found', subjects: [] }),
        row(3, { client: 'client-b', record_type: 'case' }),
        row(4),
        row(4, { id: `${agency}-4b` }),
      ];
      for (const [i, r] of rows.entries()) await seed.disclosure(base + i, r);

      const all = await stores.oversight.searchDisclosureLog({ agencyId: agency }, null, 10);
      expect(all.map((r) => r.id)).toEqual([`${agency}-4b`, `${agency}-4`, `${agency}-3`, `${agency}-2`, `${agency}-1`]);
      expect(all[4]).toEqual({
        id: `${agency}-1`,
        at: D0 + 10 * DAY + 1,
        clientId: 'client-a',
        agencyId: agency,
        purposeId: 'purpose-a',
        grantId: 'grant-a',
        action: 'fetch',
        recordType: 'person',
        fields: { name_latin: 'clear' },
        outcome: 'disclosed',
        logIndex: base,
        persons: 2,
      });
      const ids = async (filter: Parameters<OversightStore['searchDisclosureLog']>[0]) =>
        (await stores.oversight.searchDisclosureLog({ agencyId: agency, ...filter }, null, 10)).map((r) => r.id);
      expect(await ids({ outcome: 'not_found' })).toEqual([`${agency}-2`]);
      expect(await ids({ clientId: 'client-b' })).toEqual([`${agency}-3`]);
      expect(await ids({ recordType: 'case' })).toEqual([`${agency}-3`]);
      expect(await ids({ purposeId: 'purpose-b' })).toEqual([]);
      expect(await ids({ grantId: 'grant-a', from: D0 + 10 * DAY + 2, to: D0 + 10 * DAY + 4 })).toEqual([`${agency}-3`, `${agency}-2`]);

      // Pages do not overlap, even between rows of the same second.
      const first = await stores.oversight.searchDisclosureLog({ agencyId: agency }, null, 1);
      const last = first.at(-1);
      if (last === undefined) throw new Error('empty page');
      const rest = await stores.oversight.searchDisclosureLog({ agencyId: agency }, { at: last.at, id: last.id }, 10);
      expect([...first, ...rest].map((r) => r.id)).toEqual(all.map((r) => r.id));
    });

    it('reads the reveals of a view, oldest first', async () => {
      const stores = await makeStores();
      const viewId = uniq('view');
      const reveal = (at: number): NewReveal => ({
        id: uniq('rv'),
        at,
        viewId,
        officerId: 'officer-a',
        grantId: 'grant-a',
        mediaHash: 'hash',
        reason: `sealed-${at}`,
        keyVersion: 2,
        logIndex: at - T0,
      });
      const [later, earlier] = [reveal(T0 + 20), reveal(T0 + 10)];
      await seed.reveal(later);
      await seed.reveal(earlier);
      await seed.reveal({ ...reveal(T0 + 5), viewId: uniq('view') });
      expect(await stores.oversight.revealsOfView(viewId)).toEqual(
        [earlier, later].map((r) => ({ id: r.id, at: r.at, reason: r.reason, keyVersion: r.keyVersion, logIndex: r.logIndex })),
      );
      expect(await stores.oversight.revealsOfView(uniq('view'))).toEqual([]);
    });
  });

  describe('health store', () => {
    it('knows which migrations were applied', async () => {
      const stores = await makeStores();
      expect(await stores.health.migrationState('0001_registry.sql')).toBe('applied');
      expect(await stores.health.migrationState('9999_not_yet.sql')).toBe('missing');
    });
  });
}
