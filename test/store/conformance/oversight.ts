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
