import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { en as enTexts } from '../i18n/en.js';
import { km as kmTexts } from '../i18n/km.js';
import { hasMessage, translator } from '../i18n/lang.js';
import { arrange, itemOrder } from './layout.js';
import { placeName } from './places.js';
import { fieldDef, groupPhone, memberMode, showValue } from './values.js';

const en = translator('en');
const km = translator('km');

describe('values in words', () => {
  it('names enum values, never codes', () => {
    expect(showValue(en, 'en', 'sex', fieldDef('person', 'sex'), 'clear', 'F').text).toBe('female');
    expect(showValue(km, 'km', 'sex', fieldDef('person', 'sex'), 'clear', 'F').text).toBe('ស្រី');
    expect(showValue(en, 'en', 'status', fieldDef('case', 'status'), 'clear', 'under_investigation').text).toBe('under investigation');
    expect(showValue(en, 'en', 'criterion', fieldDef('case', 'criterion'), 'clear', 2).text).toBe('2. Producing or dealing illegal drugs');
  });

  it('writes dates out, and says what a generalised date is', () => {
    expect(showValue(en, 'en', 'test_date', fieldDef('health_case', 'test_date'), 'clear', '2026-04-09').text).toBe('9 April 2026');
    expect(showValue(en, 'en', 'date', fieldDef('health_case', 'date', 'places_visited'), 'generalised', '2026-W15')).toEqual({
      text: 'week of 6 April 2026',
      note: 'only the week is disclosed',
    });
    expect(showValue(en, 'en', 'date_of_birth', fieldDef('person', 'date_of_birth'), 'generalised', '45–49')).toEqual({
      text: 'age 45–49',
      note: 'only the age band is disclosed',
    });
    expect(showValue(km, 'km', 'date_of_birth', fieldDef('person', 'date_of_birth'), 'generalised', '45–49').text).toBe('អាយុ ៤៥–៤៩ ឆ្នាំ');
    expect(showValue(en, 'en', 'occurred_on', fieldDef('case', 'occurred_on'), 'generalised', '2026-10').text).toBe('October 2026');
  });

  it('names places in the officer’s script, the other script alongside, and says how far down they go', () => {
    const place = { province: '12', district: '1201', commune: '120101' };
    const shown = showValue(en, 'en', 'place', fieldDef('case', 'place'), 'generalised', place);
    expect(shown.text).toMatch(/^Sangkat [A-Z][a-z]+ [A-Z][a-z]+, Khan [A-Z][a-z]+ [A-Z][a-z]+, Phnom Penh$/);
    expect(shown.other).toMatch(/^សង្កាត់.+ខណ្ឌ.+រាជធានីភ្នំពេញ$/);
    expect(shown.note).toBe('down to the commune; the village is not disclosed');
    expect(placeName({ province: '05' }, 'en')).toBe('Kampong Speu');
    expect(placeName({ province: '05' }, 'km')).toBe('ខេត្តកំពង់ស្ពឺ');
    expect(showValue(en, 'en', 'place', fieldDef('case', 'place'), 'clear', { province: '99', district: '9901', commune: '990101' }).text).toBe(
      'place 99/9901/990101 (not in the gazetteer)',
    );
  });

  it('explains masked, pseudonymised and yes/no values', () => {
    expect(showValue(en, 'en', 'phone', fieldDef('person', 'phone'), 'masked', '+855 ** *** 432')).toEqual({
      text: '+855 ** *** 432',
      note: 'masked: only part of it is shown',
    });
    expect(showValue(en, 'en', 'name_latin', fieldDef('person', 'name_latin'), 'pseudonym', 'psn_abc').note).toContain('pseudonym');
    expect(showValue(en, 'en', 'red_notice', fieldDef('person', 'red_notice'), 'predicate', true)).toEqual({
      text: 'yes',
      note: 'a yes-or-no answer; the value itself is not disclosed',
    });
    expect(showValue(en, 'en', 'offence', fieldDef('case', 'offence'), 'generalised', { criterion: 1, title: 'Theft, snatching, robbery' })).toEqual({
      text: '1. Theft, snatching, robbery',
      note: 'the specific offence is not disclosed, only its criterion',
    });
  });

  it('explains generalised, masked, pseudonymised and yes/no values in Khmer too, with dates and weeks in Khmer', () => {
    expect(showValue(km, 'km', 'date', fieldDef('health_case', 'date', 'places_visited'), 'generalised', '2026-W15')).toEqual({
      text: 'សប្តាហ៍ចាប់ពី ៦ មេសា ២០២៦',
      note: 'បង្ហាញតែសប្តាហ៍ប៉ុណ្ណោះ',
    });
    expect(showValue(km, 'km', 'occurred_on', fieldDef('case', 'occurred_on'), 'generalised', '2026-10').text).toBe('តុលា ២០២៦');
    expect(showValue(km, 'km', 'test_date', fieldDef('health_case', 'test_date'), 'clear', '2026-04-09').text).toBe('៩ មេសា ២០២៦');
    expect(showValue(km, 'km', 'phone', fieldDef('person', 'phone'), 'masked', '+855 ** *** 432').note).toBe('បិទបាំង៖ បង្ហាញតែមួយផ្នែក');
    expect(showValue(km, 'km', 'name_latin', fieldDef('person', 'name_latin'), 'pseudonym', 'psn_abc').note).toContain('ឈ្មោះក្លែង');
    expect(showValue(km, 'km', 'red_notice', fieldDef('person', 'red_notice'), 'predicate', false)).toEqual({
      text: 'ទេ',
      note: 'ចម្លើយបាទ/ចាស ឬទេ មិនបង្ហាញតម្លៃខ្លួនឯងទេ',
    });
    const place = showValue(km, 'km', 'address', fieldDef('person', 'address'), 'generalised', { province: '05', district: '0501', commune: '050101' });
    expect(place.text).toMatch(/ខេត្តកំពង់ស្ពឺ$/);
    expect(place.other).toMatch(/Kampong Speu$/);
    expect(place.note).toBe('ត្រឹមឃុំ/សង្កាត់ មិនបង្ហាញភូមិទេ');
    expect(showValue(km, 'km', 'criterion', fieldDef('case', 'criterion'), 'clear', 3).text).toBe('៣. ពេស្យាចារ ការជួញដូរស្ត្រី និងកុមារ អំពើហិង្សាក្នុងគ្រួសារ');
    expect(showValue(km, 'km', 'measure', fieldDef('officer_discipline', 'measure'), 'clear', 'demotion').text).toBe('បញ្ចុះឋានន្តរស័ក្តិ');
  });

  it('shows a redacted narrative as its text, saying in words what was replaced and how many of each kind', () => {
    const value = {
      text: '[suspect 1] ([phone]) hit [victim 1].',
      counts: { victim: 1, suspect: 1, witness: 0, person: 0, phone: 1, id: 0, date_of_birth: 0, number: 0 },
    };
    const shown = showValue(en, 'en', 'narrative', fieldDef('case', 'narrative'), 'redacted', value);
    expect(shown.text).toBe('[suspect 1] ([phone]) hit [victim 1].');
    expect(shown.note).toBe(
      'redacted: the names and numbers of the persons linked to this record were replaced by labels (victims’ names: 1, suspects’ names: 1, phone numbers: 1)',
    );
    const khmer = showValue(km, 'km', 'narrative', fieldDef('case', 'narrative'), 'redacted', value);
    expect(khmer.text).toBe(value.text);
    expect(khmer.note).toContain('ឈ្មោះជនសង្ស័យ៖ ១');
    expect(khmer.note).not.toContain('{');
    const none = showValue(en, 'en', 'narrative', fieldDef('case', 'narrative'), 'redacted', { text: 'A shop was robbed.', counts: { victim: 0, phone: 0 } });
    expect(none).toEqual({
      text: 'A shop was robbed.',
      note: 'redacted: checked for the names and numbers of the persons linked to this record; none was found',
    });
  });

  it('groups phone numbers as people dial them', () => {
    expect(groupPhone('+85512765432')).toBe('+855 12 765 432');
    expect(groupPhone('+855961234567')).toBe('+855 96 123 4567');
    expect(showValue(en, 'en', 'phone', fieldDef('person', 'phone'), 'clear', '+85512765432').text).toBe('+855 12 765 432');
  });

  it('applies a list’s mode to the members that support it', () => {
    expect(memberMode(fieldDef('health_case', 'date', 'places_visited'), 'generalised')).toBe('generalised');
    expect(memberMode(fieldDef('case', 'role', 'persons'), 'pseudonym')).toBe('clear');
    expect(memberMode(fieldDef('case', 'person_id', 'persons'), 'pseudonym')).toBe('pseudonym');
  });
});

describe('fields in reading order, under headings', () => {
  it('puts who before contact, place and the test, and keeps unknown fields', () => {
    const sections = arrange('health_case', {
      id: 'h-1',
      result: 'positive',
      phone: '+85512765432',
      name_latin: 'Keo Chenda',
      test_date: '2026-04-09',
      extra: 1,
    });
    expect(sections.map((s) => [s.section, s.fields.map(([k]) => k)])).toEqual([
      ['identity', ['name_latin']],
      ['contact', ['phone']],
      ['test', ['test_date', 'result']],
      ['other', ['extra']],
    ]);
  });

  it('places every field each record type declares under a heading of its own, never under “Other”', () => {
    for (const [type, def] of Object.entries(RECORD_TYPES)) {
      const everything = Object.fromEntries(Object.keys(def.fields).map((k) => [k, 'x']));
      const sections = arrange(type, everything);
      expect({ type, other: sections.find((s) => s.section === 'other')?.fields.map(([k]) => k) }).toEqual({ type, other: undefined });
      // A person's nicknames are read with the names, before sex and age.
      if (type === 'person') expect(sections[0]?.fields.map(([k]) => k).slice(0, 3)).toEqual(['name_km', 'name_latin', 'nicknames']);
    }
  });

  it('has a label and words for every field and enum value each record type declares, in both languages', () => {
    for (const [type, def] of Object.entries(RECORD_TYPES)) {
      for (const [name, field] of Object.entries(def.fields)) {
        for (const [n, d] of [[name, field] as const, ...Object.entries(field.items ?? {})]) {
          expect(hasMessage(`field.${n}`), `${type}.${n}`).toBe(true);
          for (const v of d.kind === 'enum' ? (d.values ?? []) : []) {
            const key = `enum.${n}.${v}` as keyof typeof enTexts;
            expect({ key, en: enTexts[key] !== undefined, km: /[\u1780-\u17FF]/.test(kmTexts[key] ?? '') }).toEqual({ key, en: true, km: true });
          }
        }
      }
    }
  });

  it('orders list members as declared', () => {
    expect(itemOrder('health_case', 'contacts', { phone: '+85512000000', name_latin: 'Sok Dara' }).map(([k]) => k)).toEqual(['name_latin', 'phone']);
  });
});
