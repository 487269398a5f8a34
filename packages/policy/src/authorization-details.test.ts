/** RFC 9396 `authorization_details` parsing: total (never throws) and strict (only valid shapes). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AUTHORIZATION_DETAILS } from './constants.js';
import { RECORD_ACTIONS } from './types.js';
import { authorizationDetailSchema, parseAuthorizationDetails } from './authorization-details.js';

const parse = (raw: string) => parseAuthorizationDetails(raw, MAX_AUTHORIZATION_DETAILS);

describe('parseAuthorizationDetails', () => {
  it('accepts one record_access entry naming a purpose, optionally narrowed', () => {
    expect(parse('[{"type":"record_access","purpose":"covid-tracing"}]')).toEqual({ ok: true, details: [{ type: 'record_access', purpose: 'covid-tracing' }] });
    const narrowed = {
      type: 'record_access',
      purpose: 'covid-tracing',
      grant: 'grt_abc',
      record_types: ['person'],
      fields: { person: ['name_latin'] },
      actions: ['fetch'],
    };
    expect(parse(JSON.stringify([narrowed]))).toEqual({ ok: true, details: [narrowed] });
  });

  it('accepts one record_ingest entry', () => {
    expect(parse('[{"type":"record_ingest","record_types":["person","case"]}]')).toMatchObject({ ok: true });
  });

  it.each([
    ['not JSON', '[{"type":'],
    ['empty', ''],
    ['an object, not an array', '{"type":"record_access","purpose":"p"}'],
    ['a string', '"record_access"'],
    ['null', 'null'],
    ['an empty array', '[]'],
    ['two entries', '[{"type":"record_access","purpose":"a"},{"type":"record_access","purpose":"b"}]'],
    ['an unknown type', '[{"type":"record_delete","purpose":"a"}]'],
    ['no type', '[{"purpose":"a"}]'],
    ['no purpose', '[{"type":"record_access"}]'],
    ['an unknown member', '[{"type":"record_access","purpose":"a","scope":"all"}]'],
    ['a __proto__ member', '[{"type":"record_access","purpose":"a","__proto__":{"fields":{}}}]'],
    ['an unknown action', '[{"type":"record_access","purpose":"a","actions":["delete"]}]'],
    ['an empty field list', '[{"type":"record_access","purpose":"a","fields":{"person":[]}}]'],
    ['a purpose that is not an id', '[{"type":"record_access","purpose":"../etc"}]'],
    ['a record type that is not a name', '[{"type":"record_access","purpose":"a","record_types":["Person Records"]}]'],
    ['ingest without types', '[{"type":"record_ingest","record_types":[]}]'],
    ['ingest with a purpose', '[{"type":"record_ingest","record_types":["person"],"purpose":"a"}]'],
    ['an array of arrays', '[[{"type":"record_access","purpose":"a"}]]'],
  ])('refuses %s', (_label, raw) => {
    const result = parse(raw);
    expect(result.ok).toBe(false);
  });

  it('never echoes the submitted value in its reason', () => {
    const result = parse('[{"type":"record_access","purpose":"a","fields":{"person":["SOK-DARA-012345678"]}}]');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain('SOK-DARA');
  });
});

describe('parseAuthorizationDetails properties', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (raw) => {
        expect(typeof parse(raw).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary JSON, and whatever it accepts is a valid single entry', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const result = parse(JSON.stringify(value));
        if (!result.ok) return;
        expect(Array.isArray(value)).toBe(true);
        expect(result.details).toHaveLength(1);
        expect(authorizationDetailSchema.safeParse(result.details[0]).success).toBe(true);
        expect(['record_access', 'record_ingest']).toContain(result.details[0]?.type);
      }),
      { numRuns: 2000 },
    );
  });

  const nameArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
  const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,30}$/);
  const accessArb = fc.record(
    {
      type: fc.constant('record_access'),
      purpose: idArb,
      grant: idArb,
      record_types: fc.array(nameArb, { minLength: 1, maxLength: 16 }),
      fields: fc.dictionary(nameArb, fc.array(nameArb, { minLength: 1, maxLength: 8 }), { maxKeys: 4 }),
      actions: fc.subarray([...RECORD_ACTIONS], { minLength: 1 }),
    },
    { requiredKeys: ['type', 'purpose'] },
  );

  it('accepts every well-formed record_access entry unchanged', () => {
    fc.assert(
      fc.property(accessArb, (entry) => {
        expect(parse(JSON.stringify([entry]))).toEqual({ ok: true, details: [entry] });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a well-formed entry with any extra member, and more than one entry', () => {
    fc.assert(
      fc.property(
        accessArb,
        nameArb.filter((k) => !['type', 'purpose', 'grant', 'record_types', 'fields', 'actions'].includes(k)),
        fc.jsonValue(),
        (entry, key, value) => {
          expect(parse(JSON.stringify([{ ...entry, [key]: value }])).ok).toBe(false);
          expect(parse(JSON.stringify([entry, entry])).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
