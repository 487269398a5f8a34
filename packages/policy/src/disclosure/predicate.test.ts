import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { adult, TODAY } from '../../../../test/support/disclosure/fixtures.js';
import { disclosePredicate } from './predicate.js';

const person = RECORD_TYPES['person']!;
const health = RECORD_TYPES['health_case']!;
const crimeCase = RECORD_TYPES['case']!;
const p = (name: string, value: unknown, today = TODAY, def = person) => disclosePredicate(name, def.fields[name]!, value, today);
const listing = (from: string, until: string) => [{ list: 'drug_offence_officials', listed_from: from, listed_until: until }];

describe('disclosePredicate', () => {
  it('booleans as is', () => {
    expect(p('red_notice', true)).toBe(true);
    expect(p('red_notice', false)).toBe(false);
    expect(p('minor', true)).toBe(true);
    expect(p('red_notice', undefined)).toBeUndefined();
  });

  it('blacklist: listed only inside the window, both ends included', () => {
    expect(p('blacklist', adult.blacklist)).toBe(true);
    expect(p('blacklist', listing('2026-06-30', '2026-06-30'))).toBe(true);
    expect(p('blacklist', listing('2020-01-01', '2026-06-29'))).toBe(false); // expired
    expect(p('blacklist', listing('2026-07-01', '2027-01-01'))).toBe(false); // not yet
    expect(p('blacklist', [...listing('2020-01-01', '2021-01-01'), ...listing('2026-01-01', '2026-12-31')])).toBe(true);
    expect(p('blacklist', [])).toBe(false);
    expect(p('blacklist', undefined)).toBe(false);
  });

  it('date of birth: a minor today', () => {
    expect(p('date_of_birth', '2008-07-01')).toBe(true);
    expect(p('date_of_birth', '2008-06-30')).toBe(false); // 18 today
    expect(p('date_of_birth', undefined)).toBeUndefined();
    expect(() => p('date_of_birth', '2008-02-30')).toThrow(TypeError);
  });

  it('result: positive', () => {
    expect(p('result', 'positive', TODAY, health)).toBe(true);
    expect(p('result', 'negative', TODAY, health)).toBe(false);
    expect(p('result', 'inconclusive', TODAY, health)).toBe(false);
  });

  it('national ID: present', () => {
    expect(p('national_id', '012345678')).toBe(true);
    expect(p('national_id', undefined)).toBe(false);
    expect(p('national_id', '012345678', TODAY, health)).toBe(true);
  });

  it('criterion: never in records (the check endpoint answers it)', () => {
    expect(p('criterion', 2, TODAY, crimeCase)).toBeUndefined();
  });
});
