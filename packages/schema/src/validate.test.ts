import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { crimeCase } from './record-types/case.js';
import { RECORD_TYPES } from './record-types/index.js';
import { person } from './record-types/person.js';
import { recordSchema, validateRecord, type ValidationResult } from './validate.js';
import { VALIDATION_ISSUE_CODES, issueMessage } from './validation/issues.js';

const TODAY = '2026-06-30';

/** One valid body per record type (all synthetic). */
const VALID: Readonly<Record<string, Record<string, unknown>>> = {
  person: {
    id: 'person-00000001',
    national_id: '012345678',
    name_km: 'សុខ ដារ៉ា',
    name_latin: 'Sok Dara',
    sex: 'M',
    date_of_birth: '1990-05-17',
    phone: '+85512345678',
    address: { province: '12', district: '1201', commune: '120101', village: '12010101' },
    photo_ref: 'media/person/00000001.jpg',
    red_notice: false,
    blacklist: [{ list: 'drug_offence_officials', listed_from: '2025-01-01', listed_until: '2030-12-31', reference: 'Decision 12/2024' }],
  },
  case: {
    id: 'case-00000001',
    case_number: '12-2025-0000001',
    criterion: 1,
    offence: 'Motorbike theft',
    occurred_on: '2025-03-04',
    place: { province: '12', district: '1201', commune: '120101' },
    status: 'reported',
    handling_unit: 'Khan Daun Penh Police Inspectorate',
    narrative: 'On the evening of 4 March a motorbike was taken.\nThe owner reported it the next day.',
    persons: [{ person_id: 'person-00000001', role: 'victim' }],
    evidence: [{ media_ref: 'media/case/1/1.jpg', kind: 'photo', shows_minor: false, shows_restrained: true }],
    sensitivity: 'normal',
  },
  health_case: {
    id: 'health-00000001',
    name_km: 'ចាន់ សុភា',
    name_latin: 'Chan Sophea',
    test_date: '2026-06-01',
    result: 'positive',
    residence: { province: '17', district: '1701', commune: '170101' },
    contacts: [{ name_latin: 'Keo Vanna', phone: '097 712 3456' }],
    places_visited: [{ place: { province: '17', district: '1702', commune: '170203' }, date: '2026-05-28' }],
  },
  officer_discipline: {
    id: 'discipline-00000001',
    officer_id: 'PN-104233',
    officer_name_km: 'ហេង វុទ្ធី',
    officer_name_latin: 'Heng Vuthy',
    unit: 'Provincial Police Commissariat of Siem Reap',
    unit_level: 'province',
    unit_place: { province: '17', district: '1701', commune: '170101' },
    measure: 'warning',
    decided_on: '2026-02-11',
  },
};

const validate = (type: string, body: unknown): ValidationResult => validateRecord(type, body, { today: TODAY });
const codesOf = (result: ValidationResult) => (result.ok ? [] : result.issues.map((issue) => `${issue.path} ${issue.code}`));
const withField = (type: string, field: string, value: unknown) => ({ ...VALID[type], [field]: value });

describe('validateRecord', () => {
  it.each(Object.keys(RECORD_TYPES))('accepts a valid %s', (type) => {
    expect(validate(type, VALID[type])).toMatchObject({ ok: true });
  });

  it('accepts optional fields left out', () => {
    const { phone: _phone, photo_ref: _photo, blacklist: _blacklist, ...minimal } = VALID['person'] ?? {};
    expect(validate('person', minimal)).toMatchObject({ ok: true });
  });

  it('refuses an unknown record type without naming it', () => {
    expect(validate('prisoner', {})).toEqual({ ok: false, issues: [{ path: '', code: 'unknown_record_type', message: 'Unknown record type' }] });
  });

  describe('strictness', () => {
    it('refuses bodies that are not objects', () => {
      for (const body of [null, 7, 'x', [], true]) expect(codesOf(validate('person', body))).toEqual([' invalid_type']);
    });

    it('refuses unknown fields, at the top and inside list items and places', () => {
      expect(codesOf(validate('person', withField('person', 'nickname', 'x')))).toEqual(['/nickname unknown_field']);
      expect(codesOf(validate('case', withField('case', 'persons', [{ person_id: 'p1', role: 'victim', age: 9 }])))).toEqual(['/persons/0/age unknown_field']);
      expect(codesOf(validate('case', withField('case', 'place', { province: '12', district: '1201', commune: '120101', street: '51' })))).toEqual([
        '/place/street unknown_field',
      ]);
    });

    it('refuses derived fields', () => {
      expect(codesOf(validate('person', withField('person', 'minor', false)))).toEqual(['/minor derived_field']);
    });

    it('reports every missing required field, including inside list items', () => {
      expect(codesOf(validate('officer_discipline', { id: 'd1' }))).toEqual(
        ['officer_id', 'officer_name_km', 'officer_name_latin', 'unit', 'unit_level', 'unit_place', 'measure', 'decided_on'].map((f) => `/${f} required`),
      );
      expect(codesOf(validate('case', withField('case', 'evidence', [{ media_ref: 'm', kind: 'photo', shows_minor: false }])))).toEqual([
        '/evidence/0/shows_restrained required',
      ]);
    });

    it('refuses null for optional fields (absent means absent)', () => {
      expect(codesOf(validate('person', withField('person', 'phone', null)))).toEqual(['/phone invalid_type']);
    });
  });

  describe('id', () => {
    it.each(['a', 'person-1', 'P.2026:001_x', '9'.repeat(64)])('accepts %s', (id) => {
      expect(validate('person', withField('person', 'id', id)).ok).toBe(true);
    });
    it.each(['', '-a', '.a', 'a b', 'a/b', 'é', 'x'.repeat(65), 5])('refuses %s', (id) => {
      expect(codesOf(validate('person', withField('person', 'id', id)))).toEqual([typeof id === 'string' ? '/id invalid_id' : '/id invalid_type']);
    });
  });

  // Each kind: [type, field, values accepted, [value refused, code][]].
  const KINDS: ReadonlyArray<readonly [string, string, string, readonly unknown[], ReadonlyArray<readonly [unknown, string]>]> = [
    [
      'string',
      'person',
      'name_km',
      ['ស្រីមុំ ព្រំ', 'ភូមិ\u200bថ្មី', 'x'.repeat(120)],
      [
        ['x'.repeat(121), 'too_long'],
        ['a\nb', 'control_character'],
        ['\u202eabc', 'control_character'],
        ['   ', 'empty'],
        ['', 'empty'],
        [5, 'invalid_type'],
      ],
    ],
    [
      'text',
      'case',
      'narrative',
      ['Line one.\nLine two.\tTabbed.', 'ក'.repeat(8000)],
      [
        ['x'.repeat(8001), 'too_long'],
        ['a\u0000b', 'control_character'],
        [['a'], 'invalid_type'],
      ],
    ],
    [
      'national_id',
      'person',
      'national_id',
      ['012345678', '012 345 678', '012-345-678', '០១២៣៤៥៦៧៨'],
      [
        ['01234567', 'invalid_national_id'],
        ['0123456789', 'invalid_national_id'],
        ['01234567X', 'invalid_national_id'],
        [12345678, 'invalid_type'],
      ],
    ],
    [
      'phone',
      'person',
      'phone',
      ['+85512345678', '012 345 678', '+855 97 712 3456'],
      [
        ['+1 202 555 0100', 'invalid_phone'],
        ['12345678', 'invalid_phone'],
        ['call me', 'invalid_phone'],
        [85512345678, 'invalid_type'],
      ],
    ],
    [
      'date',
      'person',
      'date_of_birth',
      ['2008-02-29', '1900-01-01', TODAY],
      [
        ['2023-02-29', 'invalid_date'],
        ['2026-04-31', 'invalid_date'],
        ['17/05/1990', 'invalid_date'],
        ['1990-5-17', 'invalid_date'],
        ['1899-12-31', 'date_out_of_range'],
        ['2205-01-01', 'date_out_of_range'],
        [19900517, 'invalid_type'],
      ],
    ],
    [
      'enum',
      'person',
      'sex',
      ['F', 'M', 'X'],
      [
        ['f', 'invalid_enum'],
        ['female', 'invalid_enum'],
        [1, 'invalid_enum'],
      ],
    ],
    [
      'integer',
      'case',
      'criterion',
      [1, 3, 5],
      [
        [0, 'out_of_range'],
        [6, 'out_of_range'],
        [2.5, 'not_integer'],
        ['2', 'invalid_type'],
        [Number.NaN, 'invalid_type'],
      ],
    ],
    [
      'boolean',
      'person',
      'red_notice',
      [true, false],
      [
        ['false', 'invalid_type'],
        [0, 'invalid_type'],
      ],
    ],
    [
      'place',
      'case',
      'place',
      [
        { province: '01', district: '0102', commune: '010203' },
        { province: '12', district: '1201', commune: '120101', village: '12010101' },
      ],
      [
        [{ province: '12', district: '1301', commune: '130101' }, 'inconsistent_place'],
        [{ province: '12', district: '1201', commune: '120101', village: '12020101' }, 'inconsistent_place'],
        [{ province: '26', district: '2601', commune: '260101' }, 'invalid_place'],
        ['120101', 'invalid_type'],
      ],
    ],
  ];

  describe.each(KINDS)('kind %s (%s.%s)', (_kind, type, field, good, bad) => {
    it.each(good.map((value) => [value]))('accepts %j', (value) => {
      expect(validate(type, withField(type, field, value)).ok).toBe(true);
    });
    it.each(bad)('refuses %j with %s', (value, code) => {
      expect(codesOf(validate(type, withField(type, field, value)))).toEqual([`/${field} ${code}`]);
    });
  });

  it('reports place sub-codes at their own path', () => {
    expect(codesOf(validate('case', withField('case', 'place', { province: '12', district: '12011', commune: '120101' })))).toEqual([
      '/place/district invalid_place',
    ]);
    expect(codesOf(validate('case', withField('case', 'place', { province: '12', district: '1201' })))).toEqual(['/place/commune required']);
  });

  it('checks ref fields as record ids', () => {
    expect(codesOf(validate('case', withField('case', 'persons', [{ person_id: 'not an id', role: 'suspect' }])))).toEqual([
      '/persons/0/person_id invalid_ref',
    ]);
  });

  it('checks list items and caps lists at 200 items', () => {
    const item = { person_id: 'person-1', role: 'witness' };
    expect(
      validate(
        'case',
        withField(
          'case',
          'persons',
          Array.from({ length: 200 }, () => item),
        ),
      ).ok,
    ).toBe(true);
    expect(
      codesOf(
        validate(
          'case',
          withField(
            'case',
            'persons',
            Array.from({ length: 201 }, () => item),
          ),
        ),
      ),
    ).toEqual(['/persons too_many_items']);
    expect(codesOf(validate('case', withField('case', 'persons', [item, { ...item, role: 'judge' }])))).toEqual(['/persons/1/role invalid_enum']);
    expect(codesOf(validate('case', withField('case', 'persons', ['person-1'])))).toEqual(['/persons/0 invalid_type']);
  });

  it('normalises phones, national IDs and text in the parsed record', () => {
    const result = validate('person', {
      ...VALID['person'],
      phone: '+855 (0)12 345-678',
      national_id: '012 345 678',
      name_latin: '  Sok Dara ',
      name_km: 'ស\u0020\u17bb\u1781'.normalize('NFD'),
    });
    expect(result.ok && result.record).toMatchObject({ phone: '+85512345678', national_id: '012345678', name_latin: 'Sok Dara' });
    const contacts = validate('health_case', VALID['health_case']);
    expect(contacts.ok && contacts.record['contacts']).toEqual([{ name_latin: 'Keo Vanna', phone: '+855977123456' }]);
  });

  it('bounds future dates by the given day, so listings may end years ahead', () => {
    const listing = (until: string) => withField('person', 'blacklist', [{ list: 'drug_offence_officials', listed_from: '2026-01-01', listed_until: until }]);
    expect(validate('person', listing('2076-06-30')).ok).toBe(true);
    expect(codesOf(validate('person', listing('2076-07-01')))).toEqual(['/blacklist/0/listed_until date_out_of_range']);
  });

  it('uses the current date when none is given', () => {
    expect(validateRecord('person', VALID['person']).ok).toBe(true);
  });

  it('does not echo unknown keys that do not look like field names', () => {
    const result = validate('person', { ...VALID['person'], 'Sok Dara 012345678': 1, __proto__x: 2 });
    expect(codesOf(result)).toEqual([' unknown_field']);
  });

  it('caps the number of issues', () => {
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    const result = validate('person', body);
    expect(result.ok ? 0 : result.issues.length).toBe(50);
  });
});

describe('issues never repeat the submitted value', () => {
  // Values that look like personal data and cannot occur by chance in a catalogue message or a field name.
  const personal = fc.oneof(
    fc.stringMatching(/^0[1-9]\d{6,7}[0-9X]{2}$/), // phone-like, too long or lettered
    fc.stringMatching(/^[0-9]{10,12}$/), // ID-like, wrong length
    fc
      .tuple(fc.constantFrom('សុខ', 'ចាន់', 'គីម', 'ហេង'), fc.stringMatching(/^[\u1780-\u17a2]{3,8}$/), fc.constantFrom('\u0007', '\u202e', '\n'))
      .map(([a, b, c]) => `${a} ${b}${c}`),
    fc.stringMatching(/^[A-Z][a-z]{3,8} [A-Z][a-z]{3,8} \d{4}-\d{2}-\d{2}[/!]$/),
  );
  const targets: ReadonlyArray<readonly [string, string]> = [
    ['person', 'national_id'],
    ['person', 'phone'],
    ['person', 'name_km'],
    ['person', 'date_of_birth'],
    ['person', 'sex'],
    ['person', 'address'],
    ['person', 'red_notice'],
    ['case', 'criterion'],
    ['case', 'persons'],
    ['health_case', 'contacts'],
    ['person', 'id'],
  ];
  const catalogue = new Set<string>();

  it('in message or path, whatever field it is sent in', () => {
    fc.assert(
      fc.property(personal, fc.constantFrom(...targets), fc.boolean(), (value, [type, field], nested) => {
        const sent = nested ? [{ person_id: value, role: value, phone: value, name_latin: value }] : value;
        const result = validate(type, withField(type, field, sent));
        if (result.ok) return;
        for (const issue of result.issues) {
          catalogue.add(issue.code);
          expect(VALIDATION_ISSUE_CODES).toContain(issue.code);
          expect(issue.message.startsWith(issueMessage(issue.code))).toBe(true);
          expect(issue.message).not.toContain(value);
          expect(issue.path).not.toContain(value);
        }
      }),
      { numRuns: 500 },
    );
    expect(catalogue.size).toBeGreaterThan(3);
  });

  it('as an unknown key either', () => {
    fc.assert(
      fc.property(personal, (key) => {
        const result = validate('person', { ...VALID['person'], [key]: key });
        expect(JSON.stringify(result)).not.toContain(key);
      }),
    );
  });
});

describe('recordSchema', () => {
  it('is a zod schema whose input side converts to JSON Schema (for the OpenAPI document)', () => {
    const json = z.toJSONSchema(recordSchema(crimeCase), { io: 'input', unrepresentable: 'any' });
    expect(json).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['id', 'case_number', 'place']) });
    expect(JSON.stringify(json)).toContain('"maxItems":200');
  });

  it('leaves derived fields out of the schema', () => {
    const json = z.toJSONSchema(recordSchema(person), { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(Object.keys(json.properties)).not.toContain('minor');
  });
});
