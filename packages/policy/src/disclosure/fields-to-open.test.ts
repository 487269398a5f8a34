import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { fieldsToOpen } from './fields-to-open.js';

const person = RECORD_TYPES['person']!;
const crimeCase = RECORD_TYPES['case']!;

describe('fieldsToOpen', () => {
  it('lists the disclosed stored fields in declaration order, without none', () => {
    expect(fieldsToOpen(person, { phone: 'masked', name_latin: 'clear', national_id: 'none' })).toEqual(['name_latin', 'phone']);
  });

  it('adds the inputs some modes need, and never a derived field', () => {
    expect(fieldsToOpen(person, { minor: 'predicate' })).toEqual(['date_of_birth']);
    expect(fieldsToOpen(person, { photo_ref: 'clear' })).toEqual(['date_of_birth', 'photo_ref']);
    expect(fieldsToOpen(crimeCase, { offence: 'generalised' })).toEqual(['criterion', 'offence']);
    expect(fieldsToOpen(crimeCase, { offence: 'clear', evidence: 'clear' })).toEqual(['offence', 'evidence']);
  });

  it('ignores the id key and refuses unknown fields', () => {
    expect(fieldsToOpen(person, { id: 'pseudonym', sex: 'clear' })).toEqual(['sex']);
    expect(() => fieldsToOpen(person, { shoe_size: 'clear' })).toThrow(TypeError);
  });
});
