import { describe, expect, it } from 'vitest';
import { deriveFields, isMinorOn } from './derive.js';
import { crimeCase } from './record-types/case.js';
import { person } from './record-types/person.js';

describe('isMinorOn', () => {
  it.each([
    ['2008-06-30', '2026-06-29', true],
    ['2008-06-30', '2026-06-30', false], // 18th birthday
    ['2010-01-01', '2026-06-30', true],
    ['1990-05-17', '2026-06-30', false],
    ['2008-02-29', '2026-02-28', true], // born on 29 February: of age on 1 March in common years
    ['2008-02-29', '2026-03-01', false],
  ])('born %s, on %s: %s', (dob, today, minor) => {
    expect(isMinorOn(dob, today)).toBe(minor);
  });
});

describe('deriveFields', () => {
  const record = { id: 'person-1', date_of_birth: '2010-03-01', name_latin: 'Sok Dara' };

  it('computes person.minor as of the given day, without touching the rest', () => {
    expect(deriveFields(person, record, '2026-06-30')).toEqual({ ...record, minor: true });
    expect(deriveFields(person, record, '2028-03-01')).toMatchObject({ minor: false });
  });

  it('leaves a derived field out when its input is missing', () => {
    expect(deriveFields(person, { id: 'person-2' }, '2026-06-30')).toEqual({ id: 'person-2' });
  });

  it('returns types without derived fields unchanged', () => {
    const caseRecord = { id: 'case-1', criterion: 2 };
    expect(deriveFields(crimeCase, caseRecord, '2026-06-30')).toEqual(caseRecord);
  });

  it('refuses a malformed day', () => {
    expect(() => deriveFields(person, record, '30/06/2026')).toThrow(TypeError);
  });
});
