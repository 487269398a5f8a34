import { pseudonymiseId } from '@need2know/deidentify';
import { RECORD_TYPES, type DisclosureMode } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { adult, child, crime, ctx, discipline, patient } from '../../../../test/support/disclosure/fixtures.js';
import { minimiseRecord } from './minimise.js';

const person = RECORD_TYPES['person']!;
const crimeCase = RECORD_TYPES['case']!;
const health = RECORD_TYPES['health_case']!;
const officer = RECORD_TYPES['officer_discipline']!;

describe('minimiseRecord', () => {
  it('person: each mode as the purpose says, the id always, nothing else', () => {
    const out = minimiseRecord(
      person,
      adult,
      {
        name_latin: 'masked',
        name_km: 'masked',
        phone: 'masked',
        national_id: 'predicate',
        date_of_birth: 'generalised',
        address: 'generalised',
        minor: 'predicate',
        blacklist: 'predicate',
        red_notice: 'clear',
        sex: 'none',
      },
      ctx,
    );
    expect(out).toEqual({
      id: 'P-000001',
      name_latin: 'S** C******',
      name_km: 'សុ* ច*',
      phone: '+855 ** *** 412',
      national_id: true,
      date_of_birth: '35–39',
      address: { province: '12', district: '1201', commune: '120101' },
      minor: false,
      blacklist: true,
      red_notice: false,
    });
  });

  it('derives minor from the birth date as of ctx.today, in clear or as a predicate', () => {
    expect(minimiseRecord(person, child, { minor: 'clear' }, ctx)).toEqual({ id: child.id, minor: true });
    expect(minimiseRecord(person, child, { minor: 'predicate' }, { ...ctx, today: '2030-05-01' })).toEqual({ id: child.id, minor: false });
    expect(minimiseRecord(person, { ...child, minor: false }, { minor: 'clear' }, ctx)).toEqual({ id: child.id, minor: true });
    const { date_of_birth: _dob, ...noDob } = child;
    expect(minimiseRecord(person, { ...noDob, minor: false }, { minor: 'clear' }, ctx)).toEqual({ id: child.id });
  });

  it("protects a minor's photo (redacted at most) when leadership has not approved its original", () => {
    expect(minimiseRecord(person, child, { photo_ref: 'clear' }, ctx)).toEqual({ id: child.id, photo_ref: 'id/P-000002.jpg#redacted' });
    expect(minimiseRecord(person, child, { photo_ref: 'clear' }, { ...ctx, mediaUnblurred: true })).toEqual({ id: child.id, photo_ref: 'id/P-000002.jpg' });
    expect(minimiseRecord(person, adult, { photo_ref: 'clear' }, ctx)).toEqual({ id: adult.id, photo_ref: 'id/P-000001.jpg' });
  });

  it('media modes: `redacted` and `blurred` cap every reference, flagged or not, approved or not', () => {
    for (const c of [ctx, { ...ctx, mediaUnblurred: true }]) {
      expect(minimiseRecord(person, adult, { photo_ref: 'redacted' }, c)).toEqual({ id: adult.id, photo_ref: 'id/P-000001.jpg#redacted' });
      expect(minimiseRecord(person, child, { photo_ref: 'blurred' }, c)).toEqual({ id: child.id, photo_ref: 'id/P-000002.jpg#blurred' });
      const cases = minimiseRecord(crimeCase, crime, { evidence: 'blurred' }, c)['evidence'] as Record<string, unknown>[];
      expect(cases.every((e) => String(e['media_ref']).endsWith('#blurred') && e['blurred'] === true)).toBe(true);
    }
    expect(() => minimiseRecord(person, adult, { name_latin: 'redacted' }, ctx)).toThrow(TypeError);
  });

  it('case: pseudonymised persons link to pseudonymised person records', () => {
    const out = minimiseRecord(
      crimeCase,
      crime,
      {
        case_number: 'pseudonym',
        criterion: 'predicate',
        offence: 'generalised',
        occurred_on: 'generalised',
        place: 'generalised',
        persons: 'pseudonym',
        status: 'clear',
      },
      ctx,
    );
    expect(out).toEqual({
      id: 'C-000001',
      case_number: expect.stringMatching(/^psn_/),
      offence: { criterion: 2, title: 'Producing or dealing illegal drugs' },
      occurred_on: '2026-06',
      place: { province: '12', district: '1201', commune: '120101' },
      persons: [
        { person_id: pseudonymiseId('person', 'P-000001', ctx), role: 'suspect' },
        { person_id: pseudonymiseId('person', 'P-000002', ctx), role: 'witness' },
      ],
      status: 'under_investigation',
    });
    const personOut = minimiseRecord(person, adult, { id: 'pseudonym', sex: 'clear' }, ctx);
    expect(personOut).toEqual({ id: (out['persons'] as { person_id: string }[])[0]?.person_id, sex: 'F' });
  });

  it('pseudonymises the id when the purpose maps id to pseudonym, per agency', () => {
    const a = minimiseRecord(crimeCase, crime, { id: 'pseudonym', status: 'clear' }, ctx);
    const b = minimiseRecord(crimeCase, crime, { id: 'pseudonym', status: 'clear' }, { ...ctx, agency: 'ministry-interior' });
    expect(a['id']).toMatch(/^psn_/);
    expect(b['id']).toMatch(/^psn_/);
    expect(a['id']).not.toBe(b['id']);
    expect(minimiseRecord(crimeCase, crime, { id: 'clear', status: 'clear' }, ctx)).toEqual({ id: crime.id, status: 'under_investigation' });
  });

  it('health case: generalised places and dates, masked contacts, a positive result as a predicate', () => {
    const out = minimiseRecord(
      health,
      patient,
      {
        name_latin: 'pseudonym',
        result: 'predicate',
        test_date: 'generalised',
        residence: 'generalised',
        places_visited: 'generalised',
        contacts: 'masked',
        date_of_birth: 'generalised',
      },
      ctx,
    );
    expect(out).toEqual({
      id: 'H-000001',
      name_latin: expect.stringMatching(/^psn_/),
      result: true,
      test_date: '2026-W27',
      residence: { province: '17', district: '1701', commune: '170102' },
      places_visited: [
        { place: { province: '17', district: '1701', commune: '170103' }, date: '2026-W26' },
        { place: { province: '12', district: '1202', commune: '120204' }, date: '2026-W25' },
      ],
      contacts: [{ name_latin: 'C*** D***', phone: '+855 ** *** 888' }],
      date_of_birth: '40–44',
    });
  });

  it('officer discipline: province of the unit, month of the decision, Khmer name masked', () => {
    expect(
      minimiseRecord(
        officer,
        discipline,
        { officer_id: 'pseudonym', officer_name_km: 'masked', unit_place: 'generalised', decided_on: 'generalised', measure: 'clear' },
        ctx,
      ),
    ).toEqual({
      id: 'D-000001',
      officer_id: expect.stringMatching(/^psn_/),
      officer_name_km: 'ចា* ដា*',
      unit_place: { province: '12' },
      decided_on: '2026-03',
      measure: 'suspension',
    });
  });

  it('leaves out absent values and empty disclosures', () => {
    const { phone: _phone, ...noPhone } = adult;
    expect(minimiseRecord(person, noPhone, { phone: 'masked' }, ctx)).toEqual({ id: adult.id });
    expect(minimiseRecord(person, adult, {}, ctx)).toEqual({ id: adult.id });
    expect(minimiseRecord(person, adult, { name_latin: 'none', phone: 'none' }, ctx)).toEqual({ id: adult.id });
  });

  it('throws TypeError on programming errors, never naming a value', () => {
    const misuse: [Record<string, DisclosureMode>, RegExp][] = [
      [{ sex: 'masked' }, /person\.sex does not allow masked/],
      [{ shoe_size: 'clear' }, /no field shoe_size/],
      [{ name_latin: 'everything' as DisclosureMode }, /not a disclosure mode/],
      [{ id: 'masked' }, /id may only be/],
      [{ id: 'none' }, /id may only be/],
    ];
    for (const [disclosure, message] of misuse) expect(() => minimiseRecord(person, adult, disclosure, ctx)).toThrow(message);
    expect(() => minimiseRecord(person, adult, JSON.parse('{"__proto__":"clear"}') as Record<string, DisclosureMode>, ctx)).toThrow(TypeError);
    expect(() => minimiseRecord(person, { ...adult, id: undefined }, { sex: 'clear' }, ctx)).toThrow(TypeError);
    expect(() => minimiseRecord(person, adult, { sex: 'clear' }, { ...ctx, today: '30/06/2026' })).toThrow(TypeError);
    expect(() => minimiseRecord(person, adult, { sex: 'clear' }, { ...ctx, agency: '' })).toThrow(TypeError);
    expect(() => minimiseRecord(person, { ...adult, phone: '012 345 412' }, { phone: 'masked' }, ctx)).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('412') }),
    );
  });

  it('does not modify the record it is given', () => {
    const record = structuredClone(crime);
    minimiseRecord(crimeCase, record, { evidence: 'clear', persons: 'pseudonym', place: 'generalised' }, ctx);
    expect(record).toEqual(crime);
  });
});
