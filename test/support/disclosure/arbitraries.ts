/**
 * fast-check arbitraries of validated records and purposes, built from the declarations alone, for
 * the disclosure property tests. Test-only.
 */
import type { DisclosureMode, FieldDef, RecordTypeDef } from '@need2know/schema';
import fc from 'fast-check';

const DAY_MS = 86_400_000;

/** A calendar date YYYY-MM-DD between two years (inclusive). */
export function dateArb(fromYear = 1920, toYear = 2040): fc.Arbitrary<string> {
  const min = Date.UTC(fromYear, 0, 1) / DAY_MS;
  const max = Date.UTC(toYear, 11, 31) / DAY_MS;
  return fc.integer({ min, max }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
}

const code = (digits: number) => fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(digits, '0'));
/** A place whose codes nest, with or without a village. */
export const placeArb = fc
  .record({
    province: fc.integer({ min: 1, max: 25 }).map((n) => String(n).padStart(2, '0')),
    d: code(2),
    c: code(2),
    v: fc.option(code(2), { nil: undefined }),
  })
  .map(({ province, d, c, v }) => ({
    province,
    district: province + d,
    commune: province + d + c,
    ...(v === undefined ? {} : { village: province + d + c + v }),
  }));

/** An E.164 Cambodian phone number, 8 or 9 national digits. */
export const phoneArb = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{7,8}$/)).map(([first, rest]) => `+855${first}${rest}`);

const latinWord = fc.stringMatching(/^[A-Z][a-z]{1,9}$/);
const khmerWord = fc.constantFrom('សុខ', 'ចន្ធី', 'ដារា', 'កែវ', 'សុភាព', 'ស្រីពៅ', 'ចាន់', 'វណ្ណា', 'ហេង', 'លីណា');
const nameArb = fc.oneof(fc.array(latinWord, { minLength: 1, maxLength: 3 }), fc.array(khmerWord, { minLength: 1, maxLength: 3 })).map((w) => w.join(' '));

function valueArb(name: string, field: FieldDef): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'string':
    case 'text':
      return name.split('_').includes('name')
        ? nameArb
        : fc.string({ minLength: 1, maxLength: Math.min(field.maxLength ?? 40, 40) }).filter((s) => s.trim().length > 0);
    case 'national_id':
      return fc.stringMatching(/^\d{9}$/);
    case 'phone':
      return phoneArb;
    case 'date':
      return dateArb();
    case 'enum':
      return fc.constantFrom(...(field.values ?? ['x']));
    case 'integer':
      return fc.integer({ min: field.range?.[0] ?? 0, max: field.range?.[1] ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'place':
      return placeArb;
    case 'ref':
      return fc.stringMatching(/^[A-Z]-\d{6}$/);
    case 'list':
      return fc.array(objectArb(field.items ?? {}), { maxLength: 4 });
  }
}

function objectArb(fields: Readonly<Record<string, FieldDef>>): fc.Arbitrary<Record<string, unknown>> {
  const stored = Object.entries(fields).filter(([, f]) => f.derived !== true);
  const shape = Object.fromEntries(stored.map(([name, f]) => [name, valueArb(name, f)]));
  const requiredKeys = stored.filter(([, f]) => f.required).map(([name]) => name);
  return fc.record(shape, { requiredKeys });
}

/** A validated record of type `def` (derived fields absent, optional ones sometimes). */
export function recordArb(def: RecordTypeDef): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.stringMatching(/^[A-Z]-\d{6}$/), objectArb(def.fields)).map(([id, fields]) => ({ id, ...fields }));
}

/** A purpose's modes for `def`: some fields left out, the others given a mode they declare or `none`. */
export function disclosureArb(def: RecordTypeDef): fc.Arbitrary<Record<string, DisclosureMode>> {
  const shape = Object.fromEntries(Object.entries(def.fields).map(([name, f]) => [name, fc.constantFrom<DisclosureMode>(...f.modes, 'none')]));
  return fc
    .record(shape, { requiredKeys: [] })
    .map((modes) => Object.fromEntries(Object.entries(modes).filter((e): e is [string, DisclosureMode] => e[1] !== undefined)));
}
