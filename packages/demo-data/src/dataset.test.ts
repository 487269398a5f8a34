import { createHash } from 'node:crypto';
import { deriveFields, recordType, validateRecord } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { DEMO_RECORD_TYPES, generateDataset } from './dataset.js';
import { personId } from './ids.js';
import { ageOn } from './lib/dates.js';
import { places } from './places/places.js';

const REFERENCE = '2026-06-30';
const data = generateDataset({ seed: 'test', persons: 4000, cases: 4000, healthCases: 3000, disciplines: 2000, referenceDate: REFERENCE });
const all = {
  person: [...data.persons],
  case: [...data.cases],
  health_case: [...data.healthCases],
  officer_discipline: [...data.disciplines],
};

function digest(seed: string | number): string {
  const hash = createHash('sha256');
  const sample = generateDataset({ seed, persons: 500, cases: 500, healthCases: 200, disciplines: 100 });
  for (const type of DEMO_RECORD_TYPES) for (const record of sample.records(type)) hash.update(`${JSON.stringify(record)}\n`);
  return hash.digest('hex');
}

describe('generateDataset', () => {
  it.each(DEMO_RECORD_TYPES)('makes %s records that all pass validateRecord', (type) => {
    expect(all[type].length).toBeGreaterThanOrEqual(2000);
    for (const record of all[type]) {
      const result = validateRecord(type, record, { today: REFERENCE });
      if (!result.ok) expect.fail(`${record.id}: ${JSON.stringify(result.issues)}`);
      // Already normal: validation changes nothing, so the NDJSON is what the gateway stores.
      expect(result.record).toEqual(record);
      expect(validateRecord(type, record).ok).toBe(true);
    }
  });

  it('is byte-identical for the same seed and differs for another', () => {
    expect(digest('alpha')).toBe(digest('alpha'));
    expect(digest(42)).toBe(digest('42'));
    expect(digest('alpha')).not.toBe(digest('beta'));
  });

  it('makes the i-th record the same on its own as in the stream, and keeps ids stable', () => {
    expect(data.personAt(1234)).toEqual(all.person[1234]);
    expect(data.caseAt(3999)).toEqual(all.case[3999]);
    expect(data.healthCaseAt(7)).toEqual(all.health_case[7]);
    expect(data.disciplineAt(0)).toEqual(all.officer_discipline[0]);
    expect(all.person[0]?.id).toBe('person-00000001');
    expect(generateDataset({ seed: 'other', persons: 10 }).personAt(9).id).toBe(personId(9));
    expect(() => data.personAt(4000)).toThrow(RangeError);
  });

  it('streams lazily: the first records of a million persons come at once', () => {
    const big = generateDataset({ persons: 1_000_000 });
    const started = performance.now();
    const first = [];
    for (const person of big.persons) {
      first.push(person);
      if (first.length === 100) break;
    }
    expect(performance.now() - started).toBeLessThan(500);
    expect(big.personAt(999_999).id).toBe('person-01000000');
    expect(big.sizes).toEqual({ persons: 1_000_000, cases: 2_000_000, healthCases: 200_000, disciplines: 50_000 });
  });

  it('uses the default sizes', () => {
    expect(generateDataset().sizes).toEqual({ persons: 10_000, cases: 20_000, healthCases: 2_000, disciplines: 500 });
  });

  it('refuses bad options', () => {
    expect(() => generateDataset({ persons: -1 })).toThrow(TypeError);
    expect(() => generateDataset({ cases: 1.5 })).toThrow(TypeError);
    expect(() => generateDataset({ referenceDate: '2026-02-30' })).toThrow(TypeError);
  });
});

describe('persons', () => {
  const persons = all.person;
  const share = (predicate: (p: (typeof persons)[number]) => boolean) => persons.filter(predicate).length / persons.length;
  const person = recordType('person');
  if (person === undefined) throw new Error('person type missing');

  it('have unique 9-digit national IDs', () => {
    expect(new Set(persons.map((p) => p.national_id)).size).toBe(persons.length);
  });

  it('are about 8 % minors on the reference date, and about 1 % under red notice', () => {
    const minor = share((p) => deriveFields(person, p, REFERENCE)['minor'] === true);
    expect(minor).toBeGreaterThan(0.065);
    expect(minor).toBeLessThan(0.095);
    expect(share((p) => p.red_notice)).toBeGreaterThan(0.005);
    expect(share((p) => p.red_notice)).toBeLessThan(0.016);
    expect(persons.filter((p) => p.red_notice).every((p) => deriveFields(person, p, REFERENCE)['minor'] === false)).toBe(true);
  });

  it('include a few blacklist listings: current, past and future', () => {
    const listings = generateDataset({ seed: 'listings', persons: 20_000 }).persons;
    const timing = new Set<string>();
    for (const p of listings) {
      for (const l of p.blacklist ?? []) {
        expect(l.listed_from < l.listed_until).toBe(true);
        timing.add(l.listed_until < REFERENCE ? 'past' : l.listed_from > REFERENCE ? 'future' : 'current');
      }
    }
    expect([...timing].sort()).toEqual(['current', 'future', 'past']);
  });

  it('have Khmer and Latin names, +855 phones, and addresses in the hierarchy', () => {
    for (const p of persons.slice(0, 500)) {
      expect(p.name_km).toMatch(/^[\u1780-\u17ff]+ [\u1780-\u17ff]+$/);
      expect(p.name_latin).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      if (p.phone !== undefined) expect(p.phone).toMatch(/^\+855[1-9]\d{7,8}$/);
      expect(places.has(p.address)).toBe(true);
    }
    expect(new Set(persons.map((p) => p.sex))).toEqual(new Set(['F', 'M', 'X']));
  });
});

describe('cases', () => {
  const cases = all.case;

  it('cover all five criteria, every status, and months over years up to the reference date', () => {
    expect(new Set(cases.map((c) => c.criterion))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(['reported', 'under_investigation', 'referred_to_court', 'closed']));
    const months = new Set(cases.map((c) => c.occurred_on.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(30);
    expect(cases.every((c) => c.occurred_on <= REFERENCE)).toBe(true);
    expect(new Set(cases.map((c) => c.place.province)).size).toBe(25);
    expect(cases.every((c) => places.has(c.place))).toBe(true);
  });

  it('name generated persons, in all three roles', () => {
    const roles = new Set<string>();
    for (const c of cases) {
      for (const p of c.persons ?? []) {
        roles.add(p.role);
        expect(Number(p.person_id.slice(7))).toBeLessThanOrEqual(data.sizes.persons);
      }
      expect(new Set((c.persons ?? []).map((p) => p.person_id)).size).toBe((c.persons ?? []).length);
    }
    expect([...roles].sort()).toEqual(['suspect', 'victim', 'witness']);
  });

  it('flag evidence and mark about 3 % sensitive', () => {
    const items = cases.flatMap((c) => c.evidence ?? []);
    for (const flag of ['shows_minor', 'shows_restrained', 'shows_victim', 'shows_witness'] as const) expect(items.some((e) => e[flag] === true)).toBe(true);
    const sensitive = cases.filter((c) => c.sensitivity === 'sensitive').length / cases.length;
    expect(sensitive).toBeGreaterThan(0.018);
    expect(sensitive).toBeLessThan(0.045);
  });

  it('have unique case numbers and narratives that mention no minor by name', () => {
    expect(new Set(cases.map((c) => c.case_number)).size).toBe(cases.length);
    expect(cases.filter((c) => c.narrative !== undefined).length / cases.length).toBeGreaterThan(0.85);
    let minors = 0;
    for (const c of cases) {
      const involved = (c.persons ?? []).map((p) => data.personAt(Number(p.person_id.slice(7)) - 1));
      const adultNames = new Set(involved.filter((p) => ageOn(p.date_of_birth, c.occurred_on) >= 18).map((p) => p.name_latin));
      for (const p of involved) {
        if (ageOn(p.date_of_birth, c.occurred_on) >= 18 || adultNames.has(p.name_latin)) continue;
        minors++;
        const text = (c.narrative ?? '').replace(/\u200b/g, '');
        expect(text).not.toContain(p.name_latin);
        expect(text).not.toContain(p.name_km.replace(' ', ''));
        expect(text).not.toContain(p.name_km);
        if (p.phone !== undefined) expect(text.replace(/\D/g, '')).not.toContain(p.phone.slice(4));
      }
    }
    expect(minors).toBeGreaterThan(0);
  });

  it('write narratives that name adults as real ones do: nicknames, phones, ID numbers, in English and Khmer', () => {
    const narratives = cases.flatMap((c) => (c.narrative === undefined ? [] : [{ c, text: c.narrative }]));
    const share = (test: (n: { c: (typeof cases)[number]; text: string }) => boolean) => narratives.filter(test).length / narratives.length;
    const people = (c: (typeof cases)[number]) => (c.persons ?? []).map((p) => data.personAt(Number(p.person_id.slice(7)) - 1));
    expect(share(({ text }) => /[\u1780-\u17ff]/.test(text))).toBeGreaterThan(0.5);
    expect(share(({ c, text }) => people(c).some((p) => p.nicknames !== undefined && text.includes(p.nicknames.split(', ')[0] ?? '?')))).toBeGreaterThan(0.05);
    expect(
      share(({ c, text }) =>
        people(c).some(
          (p) =>
            p.phone !== undefined &&
            text
              .replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - 0x17e0))
              .replace(/\D/g, '')
              .includes(p.phone.slice(4)),
        ),
      ),
    ).toBeGreaterThan(0.1);
    expect(
      share(({ c, text }) => people(c).some((p) => text.includes(p.national_id) || text.includes(`${p.national_id.slice(0, 3)} ${p.national_id.slice(3, 6)}`))),
    ).toBeGreaterThan(0.05);
    expect(share(({ text }) => text.includes('\u200b'))).toBeGreaterThan(0.02);
  });
});

describe('health cases and discipline records', () => {
  it('link about half the patients to persons and trace contacts of positive ones', () => {
    const ids = new Set(all.person.map((p) => p.national_id));
    const health = all.health_case;
    const linked = health.filter((h) => h.national_id !== undefined && ids.has(h.national_id)).length / health.length;
    expect(linked).toBeGreaterThan(0.4);
    expect(linked).toBeLessThan(0.6);
    expect(health.some((h) => (h.contacts?.length ?? 0) > 0 && (h.places_visited?.length ?? 0) > 0)).toBe(true);
    expect(health.every((h) => h.result === 'positive' || h.contacts === undefined)).toBe(true);
    expect(health.every((h) => h.test_date <= REFERENCE)).toBe(true);
  });

  it('record the four measures at national, province and district level, some officers more than once', () => {
    const discipline = all.officer_discipline;
    expect(new Set(discipline.map((d) => d.measure))).toEqual(new Set(['dismissal', 'demotion', 'warning', 'suspension']));
    expect(new Set(discipline.map((d) => d.unit_level))).toEqual(new Set(['national', 'province', 'district']));
    expect(new Set(discipline.map((d) => d.officer_id)).size).toBeLessThan(discipline.length);
    expect(discipline.every((d) => places.has(d.unit_place))).toBe(true);
  });
});
