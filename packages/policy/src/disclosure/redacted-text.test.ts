import { linkedPersonsOf } from '@need2know/deidentify';
import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { checkPurposeRules } from '../purpose-rules.js';
import { decideSearch } from '../search-scope.js';
import type { PurposeRules } from '../types.js';
import { fieldsToOpen } from './fields-to-open.js';
import { ctx } from '../../../../test/support/disclosure/fixtures.js';
import { minimiseRecord } from './minimise.js';

const crimeCase = RECORD_TYPES['case']!;
const person = RECORD_TYPES['person']!;
const health = RECORD_TYPES['health_case']!;

const record = {
  id: 'C-000001',
  narrative: 'Sok Dara, called Pov (012 345 678), took the phone of Chan Thy; Keo Lina (ID 010203040) saw it.',
  persons: [
    { person_id: 'P-1', role: 'suspect' },
    { person_id: 'P-2', role: 'victim' },
    { person_id: 'P-3', role: 'witness' },
  ],
};
const persons = new Map<string, Record<string, unknown>>([
  ['P-1', { name_latin: 'Sok Dara', name_km: 'សុខ ដារ៉ា', nicknames: 'Pov', phone: '+85512345678', national_id: '011111111', date_of_birth: '1990-03-15' }],
  ['P-2', { name_latin: 'Chan Thy', name_km: 'ចាន់ ធី' }],
  ['P-3', { name_latin: 'Keo Lina', name_km: 'កែវ លីណា', national_id: '010203040' }],
]);

describe('text fields disclosed redacted', () => {
  it('are declared only on free text or media', () => {
    for (const def of Object.values(RECORD_TYPES)) {
      for (const [name, field] of Object.entries(def.fields))
        if (field.modes.includes('redacted')) expect(field.kind === 'text' || field.class === 'media', `${def.name}.${name}`).toBe(true);
    }
    expect(crimeCase.fields['narrative']?.modes).toContain('redacted');
  });

  it('give the narrative with the linked persons replaced by role labels, and the counts', () => {
    const linked = linkedPersonsOf(crimeCase, record, persons);
    const out = minimiseRecord(crimeCase, record, { narrative: 'redacted' }, { ...ctx, linkedPersons: (id) => (id === record.id ? linked : undefined) });
    expect(out).toEqual({
      id: 'C-000001',
      narrative: {
        text: '[suspect 1], called [suspect 1] ([phone]), took the phone of [victim 1]; [witness 1] (ID [id]) saw it.',
        counts: { victim: 1, suspect: 2, witness: 1, person: 0, phone: 1, id: 1, date_of_birth: 0, number: 0 },
      },
    });
  });

  it('throw rather than leave unredacted when the linked persons were not read', () => {
    expect(() => minimiseRecord(crimeCase, record, { narrative: 'redacted' }, { ...ctx, linkedPersons: () => undefined })).toThrow(TypeError);
    const { linkedPersons: _, ...without } = ctx;
    expect(() => minimiseRecord(crimeCase, record, { narrative: 'redacted' }, without)).toThrow(TypeError);
  });

  it('open the fields that link the record to its persons', () => {
    expect(fieldsToOpen(crimeCase, { narrative: 'redacted' })).toEqual(['narrative', 'persons']);
    expect(fieldsToOpen(crimeCase, { narrative: 'clear' })).toEqual(['narrative']);
  });

  it('read linked persons in the order the record lists them, with their roles; a record naming its own person gives that person', () => {
    const linked = linkedPersonsOf(crimeCase, { ...record, persons: [...record.persons, { person_id: 'P-404', role: 'victim' }] }, persons);
    expect(linked.map((p) => [p.role, p.names])).toEqual([
      ['suspect', ['Sok Dara', 'សុខ ដារ៉ា']],
      ['victim', ['Chan Thy', 'ចាន់ ធី']],
      ['witness', ['Keo Lina', 'កែវ លីណា']],
      ['victim', []],
    ]);
    expect(linkedPersonsOf(health, { id: 'H-1', name_latin: 'Mey Sophea', phone: '+85517111222' }, new Map())).toEqual([
      { role: 'person', names: ['Mey Sophea'], nicknames: [], phones: ['+85517111222'], nationalIds: [], datesOfBirth: [] },
    ]);
  });

  it('are accepted by purpose validation only where the field declares them', () => {
    expect(checkPurposeRules({ case: { narrative: 'redacted' } })).toEqual([]);
    const refused: PurposeRules[] = [{ person: { name_latin: 'redacted' } }, { case: { offence: 'redacted' } }, { case: { criterion: 'redacted' } }];
    for (const rules of refused) {
      expect(checkPurposeRules(rules).map((i) => i.code)).toEqual(['mode_not_allowed']);
    }
  });

  it('are never searched: a match would reveal the text', () => {
    expect(decideSearch(['narrative'], { narrative: 'redacted' }).ok).toBe(false);
    expect(person.fields['nicknames']?.indexed).toBeUndefined();
  });
});
