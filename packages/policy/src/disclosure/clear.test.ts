import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { discloseClear } from './clear.js';
import { adult, child, crime, ctx, patient } from '../../../../test/support/disclosure/fixtures.js';

const person = RECORD_TYPES['person']!;
const crimeCase = RECORD_TYPES['case']!;
const evidence = crimeCase.fields['evidence']!;
const photo = person.fields['photo_ref']!;

describe('discloseClear', () => {
  it('gives values as stored', () => {
    expect(discloseClear('name_latin', person.fields['name_latin']!, 'Sok Chanthy', adult, ctx)).toBe('Sok Chanthy');
    expect(discloseClear('name_km', person.fields['name_km']!, 'សុខ ចន្ធី', adult, ctx)).toBe('សុខ ចន្ធី');
    expect(discloseClear('address', person.fields['address']!, adult.address, adult, ctx)).toEqual(adult.address);
    expect(discloseClear('red_notice', person.fields['red_notice']!, false, adult, ctx)).toBe(false);
    const contacts = RECORD_TYPES['health_case']!.fields['contacts']!;
    expect(discloseClear('contacts', contacts, patient.contacts, patient, ctx)).toEqual(patient.contacts);
  });

  it('protects evidence showing a minor, a restrained person, a victim or a witness: at most its redacted rendition', () => {
    expect(discloseClear('evidence', evidence, crime.evidence, crime, ctx)).toEqual([
      { media_ref: 'ev/1.jpg#redacted', kind: 'photo', shows_minor: false, shows_restrained: true, redacted: true },
      { media_ref: 'ev/2.jpg', kind: 'photo', shows_minor: false, shows_restrained: false, shows_victim: false, shows_witness: false },
      { media_ref: 'ev/3.mp4#redacted', kind: 'video', shows_minor: true, shows_restrained: false, redacted: true },
      { media_ref: 'ev/4.pdf#redacted', kind: 'document', shows_minor: false, shows_restrained: false, shows_victim: true, redacted: true },
      { media_ref: 'ev/5.jpg#redacted', kind: 'photo', shows_minor: false, shows_restrained: false, shows_witness: true, redacted: true },
    ]);
  });

  it('releases evidence unblurred when the purpose and leadership allow it', () => {
    expect(discloseClear('evidence', evidence, crime.evidence, crime, { ...ctx, mediaUnblurred: true })).toEqual(crime.evidence);
  });

  it("protects a minor's photo, not an adult's", () => {
    expect(discloseClear('photo_ref', photo, child.photo_ref, child, ctx)).toBe('id/P-000002.jpg#redacted');
    expect(discloseClear('photo_ref', photo, adult.photo_ref, adult, ctx)).toBe('id/P-000001.jpg');
    expect(discloseClear('photo_ref', photo, child.photo_ref, child, { ...ctx, mediaUnblurred: true })).toBe('id/P-000002.jpg');
  });

  it('decides minority on ctx.today: the same person comes of age', () => {
    expect(discloseClear('photo_ref', photo, child.photo_ref, child, { ...ctx, today: '2030-05-01' })).toBe('id/P-000002.jpg');
  });

  it('protects a photo whose subject has no date of birth in the record (age unknown: fail closed)', () => {
    const { date_of_birth: _dob, ...noDob } = adult;
    expect(discloseClear('photo_ref', photo, adult.photo_ref, noDob, ctx)).toBe('id/P-000001.jpg#redacted');
  });

  it('copies lists and places rather than handing out the record’s own objects', () => {
    const out = discloseClear('persons', crimeCase.fields['persons']!, crime.persons, crime, ctx) as unknown[];
    expect(out).toEqual(crime.persons);
    expect(out[0]).not.toBe(crime.persons[0]);
    expect(discloseClear('place', crimeCase.fields['place']!, crime.place, crime, ctx)).not.toBe(crime.place);
  });
});
