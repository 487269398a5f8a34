import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { ctx, discipline, PLACE, crime, patient } from '../../../test/support/disclosure/fixtures.js';
import { discloseGeneralised, generaliseCriterion, generalisePlace } from './generalise.js';

const [person, crimeCase, health, officer] = (['person', 'case', 'health_case', 'officer_discipline'] as const).map((t) => RECORD_TYPES[t]!);
const g = (def: typeof person, name: string, value: unknown, record: Record<string, unknown> = {}) =>
  discloseGeneralised(name, def!.fields[name]!, value, record, ctx);

describe('generalisePlace', () => {
  it('keeps the codes down to the level and drops the ones below', () => {
    expect(generalisePlace(PLACE, 'commune')).toEqual({ province: '12', district: '1201', commune: '120101' });
    expect(generalisePlace(PLACE, 'district')).toEqual({ province: '12', district: '1201' });
    expect(generalisePlace(PLACE, 'province')).toEqual({ province: '12' });
  });

  it('refuses a value that is not a place', () => {
    expect(() => generalisePlace('12010101', 'commune')).toThrow(TypeError);
    expect(() => generalisePlace({ province: '12' }, 'commune')).toThrow(TypeError);
  });
});

describe('generaliseCriterion', () => {
  it('names the safe-village criterion', () => {
    expect(generaliseCriterion(2)).toEqual({ criterion: 2, title: 'Producing or dealing illegal drugs' });
    expect(generaliseCriterion(undefined)).toBeUndefined();
    expect(() => generaliseCriterion(6)).toThrow(TypeError);
    expect(() => generaliseCriterion('2')).toThrow(TypeError);
  });
});

describe('discloseGeneralised', () => {
  it('person: date of birth → age band today; address → commune', () => {
    expect(g(person!, 'date_of_birth', '1990-07-01')).toBe('35–39');
    expect(g(person!, 'address', PLACE)).toEqual({ province: '12', district: '1201', commune: '120101' });
  });

  it('case: offence → its criterion (from the record), date → month, place → commune', () => {
    expect(g(crimeCase!, 'offence', crime.offence, crime)).toEqual({ criterion: 2, title: 'Producing or dealing illegal drugs' });
    expect(g(crimeCase!, 'offence', crime.offence, {})).toBeUndefined();
    expect(g(crimeCase!, 'occurred_on', crime.occurred_on)).toBe('2026-06');
    expect(g(crimeCase!, 'place', crime.place)).not.toHaveProperty('village');
  });

  it('health case: test date → ISO week, birth date → age band (29 February), places visited item by item', () => {
    expect(g(health!, 'test_date', patient.test_date)).toBe('2026-W27');
    expect(g(health!, 'date_of_birth', patient.date_of_birth)).toBe('40–44');
    expect(g(health!, 'residence', patient.residence)).toEqual(patient.residence);
    expect(g(health!, 'places_visited', patient.places_visited)).toEqual([
      { place: { province: '17', district: '1701', commune: '170103' }, date: '2026-W26' },
      { place: { province: '12', district: '1202', commune: '120204' }, date: '2026-W25' },
    ]);
  });

  it('officer discipline: unit place → province, decision date → month', () => {
    expect(g(officer!, 'unit_place', discipline.unit_place)).toEqual({ province: '12' });
    expect(g(officer!, 'decided_on', discipline.decided_on)).toBe('2026-03');
  });

  it('leaves an absent value out', () => {
    expect(g(person!, 'address', undefined)).toBeUndefined();
  });

  it('refuses a field that declares no generalisation', () => {
    expect(() => discloseGeneralised('name_latin', person!.fields['name_latin']!, 'Sok', {}, ctx)).toThrow(TypeError);
  });
});
