/**
 * Every record type's declarations can be disclosed: each field under each mode it declares yields a
 * value (or is left out), and generalisations fit their kinds. Adding a field the disclosure code
 * cannot handle fails here, not on a partner's request.
 */
import { RECORD_TYPES, type FieldDef } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordArb } from '../../../../test/support/disclosure/arbitraries.js';
import { ctx } from '../../../../test/support/disclosure/fixtures.js';
import { minimiseRecord } from './minimise.js';

const DATE_GENERALISATIONS = ['year', 'age_band', 'month', 'week'];
const PLACE_GENERALISATIONS = ['commune', 'district', 'province'];

function fitsKind(field: FieldDef): boolean {
  switch (field.generalise) {
    case undefined:
      return false;
    case 'criterion':
      return field.kind === 'string';
    default:
      return field.kind === 'date'
        ? DATE_GENERALISATIONS.includes(field.generalise)
        : field.kind === 'place' && PLACE_GENERALISATIONS.includes(field.generalise);
  }
}

describe('record type declarations', () => {
  const fields = Object.values(RECORD_TYPES).flatMap((def) =>
    Object.entries(def.fields).flatMap(([name, f]) => [
      [`${def.name}.${name}`, f] as const,
      ...Object.entries(f.items ?? {}).map(([item, i]) => [`${def.name}.${name}.${item}`, i] as const),
    ]),
  );

  it.each(fields.filter(([, f]) => f.modes.includes('generalised')))('%s says how it is generalised, in a way that fits its kind', (_path, field) => {
    if (field.kind === 'list') expect(Object.values(field.items ?? {}).some((item) => item.modes.includes('generalised'))).toBe(true);
    else expect(fitsKind(field)).toBe(true);
  });

  it('declares a generalisation only on fields that allow generalised', () => {
    for (const [path, field] of fields) if (field.generalise !== undefined) expect(field.modes, path).toContain('generalised');
  });

  it.each(Object.values(RECORD_TYPES).map((def) => [def.name, def] as const))('%s: every field discloses under every mode it declares', (_name, def) => {
    fc.assert(
      fc.property(recordArb(def), (record) => {
        for (const [name, field] of Object.entries(def.fields)) {
          for (const mode of field.modes) expect(() => minimiseRecord(def, record, { [name]: mode }, ctx), `${def.name}.${name} ${mode}`).not.toThrow();
        }
      }),
      { numRuns: 50 },
    );
  });
});
