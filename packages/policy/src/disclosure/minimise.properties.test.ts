/** Properties of minimiseRecord over random validated records and purposes of every record type. */
import { RECORD_TYPES, type DisclosureMode, type RecordTypeDef } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateArb, disclosureArb, recordArb } from '../../../../test/support/disclosure/arbitraries.js';
import { ctx } from '../../../../test/support/disclosure/fixtures.js';
import { minimiseRecord } from './minimise.js';

const TYPES = Object.values(RECORD_TYPES);
const RUNS = { numRuns: 300 };
const agencyArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);

/** A record type with a random record, purpose and day. */
const caseArb = fc
  .constantFrom(...TYPES)
  .chain((def) => fc.record({ def: fc.constant(def), record: recordArb(def), disclosure: disclosureArb(def), today: dateArb(2000, 2040) }));

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

/** Every object anywhere in a value. */
function objects(value: unknown): object[] {
  if (Array.isArray(value)) return value.flatMap(objects);
  if (typeof value === 'object' && value !== null) return [value, ...Object.values(value).flatMap(objects)];
  return [];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

function fieldsWith(def: RecordTypeDef, disclosure: Readonly<Record<string, DisclosureMode>>, mode: DisclosureMode): string[] {
  return Object.keys(disclosure).filter((name) => disclosure[name] === mode && def.fields[name] !== undefined);
}

describe('minimiseRecord properties', () => {
  it('never outputs a field the purpose does not disclose, nor one it maps to none', () => {
    fc.assert(
      fc.property(caseArb, ({ def, record, disclosure, today }) => {
        const out = minimiseRecord(def, record, disclosure, { ...ctx, today });
        for (const key of Object.keys(out)) {
          if (key === 'id') continue;
          expect(Object.hasOwn(disclosure, key), key).toBe(true);
          expect(disclosure[key], key).not.toBe('none');
        }
        expect(out['id']).toBe(record['id']);
      }),
      RUNS,
    );
  });

  it('a masked phone never shows more than 3 of its national digits, in a field or in a list', () => {
    const types = TYPES.filter((def) => Object.values(def.fields).some((f) => f.modes.includes('masked')));
    fc.assert(
      fc.property(
        fc.constantFrom(...types).chain((def) => fc.tuple(fc.constant(def), recordArb(def))),
        ([def, record]) => {
          const masked = Object.fromEntries(
            Object.entries(def.fields)
              .filter(([, f]) => f.modes.includes('masked'))
              .map(([name]) => [name, 'masked' as const]),
          );
          const out = minimiseRecord(def, record, masked, ctx);
          for (const s of strings(out).filter((x) => x.startsWith('+855'))) expect(s.slice(4).replace(/\D/g, '').length).toBeLessThanOrEqual(3);
          const phones = strings(record).filter((s) => /^\+855\d{8,9}$/.test(s));
          for (const phone of phones) expect(JSON.stringify(out)).not.toContain(phone.slice(4, -3));
        },
      ),
      RUNS,
    );
  });

  it('without clear fields, no phone number or national ID of the record leaves whole', () => {
    fc.assert(
      fc.property(caseArb, ({ def, record, disclosure, today }) => {
        const noClear = Object.fromEntries(Object.entries(disclosure).filter(([, mode]) => mode !== 'clear'));
        const out = JSON.stringify(minimiseRecord(def, record, noClear, { ...ctx, today }));
        for (const s of strings(record).filter((x) => /^(\+855\d{8,9}|\d{9})$/.test(x))) expect(out).not.toContain(s);
      }),
      RUNS,
    );
  });

  it('pseudonyms are stable for one agency and differ across agencies', () => {
    fc.assert(
      fc.property(caseArb, agencyArb, agencyArb, ({ def, record, disclosure, today }, a, b) => {
        fc.pre(a !== b);
        const withId = { ...disclosure, id: 'pseudonym' as const };
        const first = minimiseRecord(def, record, withId, { ...ctx, agency: a, today });
        expect(minimiseRecord(def, record, withId, { ...ctx, agency: a, today })).toEqual(first);
        const mine = new Set(strings(first).filter((s) => s.startsWith('psn_')));
        const theirs = strings(minimiseRecord(def, record, withId, { ...ctx, agency: b, today })).filter((s) => s.startsWith('psn_'));
        expect(theirs.length).toBe(strings(first).filter((s) => s.startsWith('psn_')).length);
        for (const p of theirs) expect(mine.has(p)).toBe(false);
      }),
      RUNS,
    );
  });

  it('generalised places never contain a village, generalised dates never the day', () => {
    fc.assert(
      fc.property(caseArb, ({ def, record, disclosure, today }) => {
        const out = minimiseRecord(def, record, disclosure, { ...ctx, today });
        for (const name of fieldsWith(def, disclosure, 'generalised')) {
          for (const o of objects(out[name])) expect(o).not.toHaveProperty('village');
          for (const s of strings(out[name])) expect(s).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        }
      }),
      RUNS,
    );
  });

  it('is pure: the same answer twice, and a frozen record is never touched', () => {
    fc.assert(
      fc.property(caseArb, ({ def, record, disclosure, today }) => {
        const frozen = deepFreeze(structuredClone(record));
        const out = minimiseRecord(def, frozen, disclosure, { ...ctx, today });
        expect(minimiseRecord(def, frozen, disclosure, { ...ctx, today })).toEqual(out);
        expect(frozen).toEqual(record);
      }),
      { numRuns: 100 },
    );
  });
});
