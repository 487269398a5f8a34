import { describe, expect, it } from 'vitest';
import { optionKey, SEARCH_NAMES, searchOptions } from './search-options.js';

const tracing = {
  actions: ['fetch', 'search'],
  disclosure: {
    person: { name_km: 'clear', name_latin: 'clear', phone: 'clear', address: 'generalised', date_of_birth: 'generalised', sex: 'clear', national_id: 'none' },
    health_case: {
      name_latin: 'clear',
      phone: 'clear',
      test_date: 'clear',
      result: 'clear',
      residence: 'generalised',
      places_visited: 'generalised',
      contacts: 'clear',
    },
  },
};
const justice = {
  actions: ['fetch', 'search'],
  disclosure: { case: { case_number: 'clear', persons: 'pseudonym' }, person: { name_latin: 'pseudonym', date_of_birth: 'generalised', sex: 'clear' } },
};

describe('the searches a record type and a purpose offer', () => {
  it('finds a health case by phone, and not by a national ID the purpose does not disclose', () => {
    expect(searchOptions('health_case', tracing).map(optionKey)).toEqual(['phone', 'id']);
    const phone = searchOptions('health_case', tracing)[0];
    expect(phone).toEqual({ kind: 'search', search: 'phone', inputs: [{ field: 'phone', kind: 'phone' }] });
  });

  it('finds a case by its case number', () => {
    expect(searchOptions('case', justice).map(optionKey)).toEqual(['case_number', 'id']);
  });

  it('offers no name and date of birth search when the birth date is only generalised', () => {
    expect(searchOptions('person', tracing).map(optionKey)).toEqual(['phone', 'id']);
    expect(searchOptions('person', justice).map(optionKey)).toEqual(['id']);
    const both = { actions: ['search'], disclosure: { person: { name_latin: 'clear', date_of_birth: 'clear', national_id: 'clear' } } };
    expect(searchOptions('person', both)).toEqual([
      { kind: 'search', search: 'national_id', inputs: [{ field: 'national_id', kind: 'national_id' }] },
      {
        kind: 'search',
        search: 'name_dob',
        inputs: [
          { field: 'name_latin', kind: 'string' },
          { field: 'date_of_birth', kind: 'date' },
        ],
      },
    ]);
  });

  it('offers nothing for a type the purpose does not cover, and only what its actions allow', () => {
    expect(searchOptions('case', tracing)).toEqual([]);
    expect(searchOptions('no_such_type', tracing)).toEqual([]);
    expect(searchOptions('health_case', { ...tracing, actions: ['search'] }).map(optionKey)).toEqual(['phone']);
    expect(searchOptions('health_case', { ...tracing, actions: ['fetch'] }).map(optionKey)).toEqual(['id']);
  });

  it('knows every search the record types declare', () => {
    expect([...SEARCH_NAMES].sort()).toEqual(['case_number', 'name_dob', 'national_id', 'officer_id', 'phone']);
  });
});
