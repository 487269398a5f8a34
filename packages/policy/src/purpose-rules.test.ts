/** Purpose rules are checked against the declared record types: every type, field and mode must exist. */
import { DISCLOSURE_MODES, RECORD_TYPES, type DisclosureMode } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPurposeRules } from './purpose-rules.js';
import type { PurposeRules } from './types.js';

describe('checkPurposeRules', () => {
  it('accepts rules that use only declared types, fields and modes', () => {
    expect(
      checkPurposeRules({
        person: { name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised', national_id: 'none' },
        health_case: { result: 'predicate' },
      }),
    ).toEqual([]);
  });

  it('lets a purpose pseudonymise the record id, and nothing else', () => {
    expect(checkPurposeRules({ person: { id: 'pseudonym', name_latin: 'clear' } })).toEqual([]);
    expect(checkPurposeRules({ person: { id: 'masked', name_latin: 'clear' } })).toEqual([
      { path: 'rules.person.id', code: 'mode_not_allowed', message: 'the record id allows: clear, pseudonym' },
    ]);
    // The id always goes out (partners refer back by it): `none` is refused here, not at disclosure time.
    expect(checkPurposeRules({ person: { id: 'none', name_latin: 'clear' } })).toEqual([
      { path: 'rules.person.id', code: 'mode_not_allowed', message: 'the record id allows: clear, pseudonym' },
    ]);
  });

  it('reports an unknown record type by path', () => {
    expect(checkPurposeRules({ vehicle: { plate: 'clear' }, person: { name_latin: 'clear' } })).toEqual([
      { path: 'rules.vehicle', code: 'unknown_record_type', message: 'no such record type' },
    ]);
  });

  it('reports an unknown field by path', () => {
    expect(checkPurposeRules({ person: { name_latin: 'clear', shoe_size: 'clear' } })).toEqual([
      { path: 'rules.person.shoe_size', code: 'unknown_field', message: 'no such field' },
    ]);
  });

  it('reports a mode the field does not declare, listing the allowed ones', () => {
    const issues = checkPurposeRules({ person: { sex: 'masked', name_latin: 'generalised' } });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['rules.person.sex', 'mode_not_allowed'],
      ['rules.person.name_latin', 'mode_not_allowed'],
    ]);
    expect(issues[0]?.message).toBe('this field allows: clear, none');
  });

  it('reports a mode that is not a disclosure mode at all', () => {
    expect(checkPurposeRules({ person: { name_latin: 'everything' as DisclosureMode } })).toMatchObject([{ code: 'mode_not_allowed' }]);
  });

  it('allows `none` for every field, but a purpose must disclose something', () => {
    expect(checkPurposeRules({ person: { national_id: 'none', sex: 'none' } })).toEqual([
      { path: 'rules', code: 'empty', message: 'a purpose must disclose at least one field' },
    ]);
    expect(checkPurposeRules({})).toMatchObject([{ code: 'empty' }]);
    expect(checkPurposeRules({ person: {} })).toMatchObject([{ code: 'empty' }]);
  });

  it('does not mistake Object.prototype members for types or fields', () => {
    const rules = JSON.parse(
      '{"constructor":{"name":"clear"},"person":{"constructor":"clear","__proto__":"clear","toString":"clear","name_latin":"clear"}}',
    ) as PurposeRules;
    expect(checkPurposeRules(rules).map((i) => [i.path, i.code])).toEqual([
      ['rules.constructor', 'unknown_record_type'],
      ['rules.person.constructor', 'unknown_field'],
      ['rules.person.__proto__', 'unknown_field'],
      ['rules.person.toString', 'unknown_field'],
    ]);
  });

  it('issues never carry anything but the path, a code and a fixed message', () => {
    const issues = checkPurposeRules({ person: { name_latin: 'Sok Dara 012 345 678' as DisclosureMode } });
    expect(JSON.stringify(issues)).not.toContain('Sok Dara');
  });
});

describe('checkPurposeRules properties', () => {
  const declared = Object.values(RECORD_TYPES).flatMap((t) => Object.entries(t.fields).map(([f, def]) => ({ type: t.name, field: f, modes: def.modes })));
  const entryArb = fc.record({ at: fc.nat({ max: declared.length - 1 }), mode: fc.constantFrom(...DISCLOSURE_MODES) });

  it('over declared fields: valid exactly when every mode is declared (or none) and something is disclosed', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), (entries) => {
        const rules: Record<string, Record<string, DisclosureMode>> = {};
        for (const { at, mode } of entries) {
          const d = declared[at];
          if (d === undefined) continue;
          const fields = rules[d.type] ?? {};
          fields[d.field] = mode;
          rules[d.type] = fields;
        }
        const chosen = Object.entries(rules).flatMap(([type, fields]) => Object.entries(fields).map(([field, mode]) => ({ type, field, mode })));
        const allowed = chosen.every(({ type, field, mode }) => mode === 'none' || (RECORD_TYPES[type]?.fields[field]?.modes ?? []).includes(mode));
        const discloses = chosen.some(({ mode }) => mode !== 'none');
        const issues = checkPurposeRules(rules);
        expect(issues.length === 0).toBe(allowed && discloses);
        for (const issue of issues) expect(['mode_not_allowed', 'empty']).toContain(issue.code);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary names and modes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.string())), (rules) => {
        const issues = checkPurposeRules(rules as PurposeRules);
        expect(Array.isArray(issues)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
