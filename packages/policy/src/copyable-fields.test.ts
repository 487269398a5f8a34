import { describe, expect, it } from 'vitest';
import { copyableFieldIssues, copyableWidenings, mayCopyField } from './copyable-fields.js';

const rules = {
  health_case: { phone: 'clear', name_latin: 'clear', residence: 'generalised', result: 'clear' },
  person: { phone: 'masked', national_id: 'clear' },
} as const;

describe('fields a purpose marks "may be copied"', () => {
  it('accepts short values the purpose discloses in clear', () => {
    expect(copyableFieldIssues(rules, { health_case: ['phone'], person: ['national_id'] })).toEqual([]);
    expect(copyableFieldIssues(rules, undefined)).toEqual([]);
    expect(copyableFieldIssues(rules, null)).toEqual([]);
  });

  it('refuses masked values, unknown fields, long or structured values, duplicates and undisclosed types', () => {
    const codes = (c: Record<string, string[]>) => copyableFieldIssues(rules, c).map((i) => `${i.path}:${i.code}`);
    expect(codes({ person: ['phone'] })).toEqual(['copyable.person.0:not_disclosed']);
    expect(codes({ health_case: ['nope'] })).toEqual(['copyable.health_case.0:unknown_field']);
    expect(codes({ health_case: ['residence'] })).toEqual(['copyable.health_case.0:not_copyable']);
    expect(codes({ health_case: ['result'] })).toEqual(['copyable.health_case.0:not_copyable']);
    expect(codes({ health_case: ['phone', 'phone'] })).toEqual(['copyable.health_case.1:duplicate']);
    expect(codes({ case: ['case_number'] })).toEqual(['copyable.case:not_disclosed']);
    expect(codes({ health_case: ['phone', 'name_latin', 'result', 'a', 'b'] })[0]).toBe('copyable.health_case:too_many');
  });

  it('lets only a marked field disclosed in clear be copied', () => {
    expect(mayCopyField(rules, { health_case: ['phone'] }, 'health_case', 'phone')).toBe(true);
    expect(mayCopyField(rules, { health_case: ['phone'] }, 'health_case', 'name_latin')).toBe(false);
    expect(mayCopyField(rules, { health_case: ['phone'] }, 'person', 'phone')).toBe(false);
    expect(mayCopyField({ health_case: { phone: 'masked' } }, { health_case: ['phone'] }, 'health_case', 'phone')).toBe(false);
    expect(mayCopyField(rules, undefined, 'health_case', 'phone')).toBe(false);
  });

  it('counts a newly copyable field as a widening', () => {
    expect(copyableWidenings(null, { health_case: ['phone'] })).toEqual(['copyable: + health_case.phone']);
    expect(copyableWidenings({ health_case: ['phone'] }, {})).toEqual([]);
  });
});
