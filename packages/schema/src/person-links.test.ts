import { describe, expect, it } from 'vitest';
import { personLinks, referencedPersons } from './person-links.js';
import { RECORD_TYPES } from './record-types/index.js';
import { crimeCase } from './record-types/case.js';
import { healthCase } from './record-types/health-case.js';
import { officerDiscipline } from './record-types/officer-discipline.js';
import { person } from './record-types/person.js';

describe('personLinks', () => {
  it('reads how each record type names people from its declarations', () => {
    expect(personLinks(person)).toEqual([{ kind: 'self' }, { kind: 'national_id', field: 'national_id', search: 'national_id' }]);
    expect(personLinks(crimeCase)).toEqual([{ kind: 'ref', field: 'persons', member: 'person_id' }]);
    expect(personLinks(healthCase)).toEqual([{ kind: 'national_id', field: 'national_id', search: 'national_id' }]);
    expect(personLinks(officerDiscipline)).toEqual([]);
  });

  it('finds a national ID link for every type that declares a national ID field', () => {
    for (const def of Object.values(RECORD_TYPES)) {
      const declared = Object.values(def.fields).some((f) => f.kind === 'national_id');
      expect(personLinks(def).some((l) => l.kind === 'national_id')).toBe(declared);
    }
  });
});

describe('referencedPersons', () => {
  it('lists the persons a case names, once each, and a person record names itself', () => {
    const kase = {
      id: 'case-1',
      persons: [
        { person_id: 'p-1', role: 'victim' },
        { person_id: 'p-2', role: 'suspect' },
        { person_id: 'p-1', role: 'witness' },
      ],
    };
    expect(referencedPersons(crimeCase, kase)).toEqual(['p-1', 'p-2']);
    expect(referencedPersons(person, { id: 'p-9' })).toEqual(['p-9']);
  });

  it('names nobody for records without person references, or with malformed ones', () => {
    expect(referencedPersons(healthCase, { id: 'hc-1', national_id: '123456789' })).toEqual([]);
    expect(referencedPersons(crimeCase, { id: 'case-2', persons: 'p-1' })).toEqual([]);
    expect(referencedPersons(crimeCase, { id: 'case-3', persons: [null, { person_id: 7 }] })).toEqual([]);
  });
});
