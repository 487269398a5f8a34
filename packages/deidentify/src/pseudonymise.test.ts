import { pseudonym } from '@need2know/crypto';
import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { adult, crime, ctx, ring } from '../../../test/support/disclosure/fixtures.js';
import { disclosePseudonym, pseudonymiseId } from './pseudonymise.js';

const person = RECORD_TYPES['person']!;
const crimeCase = RECORD_TYPES['case']!;
const p = (name: string, value: unknown, c = ctx) => disclosePseudonym('person', name, person.fields[name]!, value, c);
const PSN = /^psn_[A-Za-z0-9_-]{22}$/;

describe('disclosePseudonym', () => {
  it('pseudonymises strings, names (Latin and Khmer), phones and national IDs per field', () => {
    for (const name of ['national_id', 'name_km', 'name_latin', 'phone'] as const) expect(p(name, adult[name])).toMatch(PSN);
    expect(p('phone', adult.phone)).toBe(pseudonym(ring, { agency: ctx.agency, recordType: 'person', field: 'phone' }, adult.phone));
    expect(p('name_latin', 'Sok Chanthy')).not.toBe(p('name_km', 'Sok Chanthy'));
  });

  it('gives spellings a search treats as one value one pseudonym', () => {
    expect(p('name_latin', 'Sok Chanthy')).toBe(p('name_latin', 'SOK  chanthy'));
    expect(p('name_km', 'សុខ ចន្ធី')).toBe(p('name_km', 'សុខ\u200b ចន្ធី'));
    expect(p('name_latin', 'Sok Chanthy')).not.toBe(p('name_latin', 'Sok Chanthi'));
  });

  it('is stable for an agency and different for another', () => {
    expect(p('phone', adult.phone)).toBe(p('phone', adult.phone));
    expect(p('phone', adult.phone, { ...ctx, agency: 'ministry-interior' })).not.toBe(p('phone', adult.phone));
  });

  it("pseudonymises a case's persons as person ids, so they link to the person record and across cases", () => {
    const out = disclosePseudonym('case', 'persons', crimeCase.fields['persons']!, crime.persons, ctx);
    expect(out).toEqual([
      { person_id: pseudonymiseId('person', 'P-000001', ctx), role: 'suspect' },
      { person_id: pseudonymiseId('person', 'P-000002', ctx), role: 'witness' },
    ]);
    const other = disclosePseudonym('case', 'persons', crimeCase.fields['persons']!, [{ person_id: 'P-000001', role: 'victim' }], ctx);
    expect(other).toEqual([{ person_id: pseudonymiseId('person', 'P-000001', ctx), role: 'victim' }]);
  });

  it('pseudonymises a case number in its own scope', () => {
    const out = disclosePseudonym('case', 'case_number', crimeCase.fields['case_number']!, crime.case_number, ctx);
    expect(out).toBe(pseudonym(ring, { agency: ctx.agency, recordType: 'case', field: 'case_number' }, 'pp-2026-000123'));
  });

  it('leaves absent values out and refuses values that are not strings', () => {
    expect(p('phone', undefined)).toBeUndefined();
    expect(() => p('phone', 85512345678)).toThrow(TypeError);
  });
});
