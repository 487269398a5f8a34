import { RECORD_TYPES, type RecordTypeDef } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeek } from '@need2know/deidentify';
import { beyondPurposeScope, effectiveRowScope, isNarrowing, isWidening, NO_RECORDS, rowScopeWidenings } from './row-scope-change.js';
import { describeRowScope } from './row-scope-words.js';
import { facetBounds, isPlaceCode, isWithinRowScope, parseRowScope, ROW_LINKS, rowFacetsOf, rowScopeFilter, type RowLink, type RowScope } from './row-scope.js';

const def = (name: string): RecordTypeDef => {
  const d = RECORD_TYPES[name];
  if (d === undefined) throw new Error(name);
  return d;
};
const caseDef = def('case');
const healthDef = def('health_case');
const personDef = def('person');
const scope = (s: Partial<RowScope>): RowScope => ({ places: null, from: null, until: null, links: [], ...s });

// Small alphabets, so that random scopes and records often meet.
const placeArb = fc.constantFrom('12', '08', '1201', '1202', '0801', '120101', '120102', '080101');
const dateArb = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const linkArb = fc.constantFrom(...(Object.keys(ROW_LINKS) as RowLink[]));
const scopeArb: fc.Arbitrary<RowScope | null> = fc.option(
  fc
    .record({
      places: fc.option(fc.uniqueArray(placeArb, { minLength: 1, maxLength: 3 })),
      dates: fc.tuple(fc.option(dateArb), fc.option(dateArb)),
      links: fc.uniqueArray(linkArb, { maxLength: 2 }),
    })
    .map(({ places, dates: [a, b], links }) => {
      const [from, until] = a !== null && b !== null && a > b ? [b, a] : [a, b];
      return { places, from, until, links };
    }),
);
const recordArb = fc.record({
  type: fc.constantFrom(caseDef, healthDef, personDef),
  commune: fc.constantFrom('120101', '120102', '120201', '080101', '080201'),
  date: dateArb,
  links: fc.uniqueArray(linkArb, { maxLength: 2 }),
});
const facetsOf = (r: { type: RecordTypeDef; commune: string; date: string }) =>
  r.type.name === 'case'
    ? { commune: r.commune, month: r.date.slice(0, 7) }
    : r.type.name === 'health_case'
      ? { commune: r.commune, week: isoWeek(r.date) }
      : {};

describe('row scope: shape and validation', () => {
  it('accepts place codes of the schema and civil dates, sorts places, refuses the rest', () => {
    expect(parseRowScope({ places: ['12', '08', '12'], from: '2026-03-01' })).toEqual({
      ok: true,
      scope: { places: ['08', '12'], from: '2026-03-01', until: null, links: [] },
    });
    for (const bad of [
      { places: ['26'] },
      { places: ['1200'] },
      { places: ['123'] },
      { places: [] },
      { from: '2026-02-30' },
      { from: '2026-03-02', until: '2026-03-01' },
      { links: ['anyone'] },
      { extra: 1 },
    ])
      expect(parseRowScope(bad).ok, JSON.stringify(bad)).toBe(false);
    expect(isPlaceCode('120101')).toBe(true);
    expect(isPlaceCode('00')).toBe(false);
  });

  it('reads the place and date facets a type declares', () => {
    expect(rowFacetsOf(caseDef)).toEqual({ place: 'commune', date: { facet: 'month', unit: 'month' } });
    expect(rowFacetsOf(healthDef)).toEqual({ place: 'commune', date: { facet: 'week', unit: 'week' } });
    expect(rowFacetsOf(personDef)).toEqual({ place: null, date: null });
  });

  it('keeps only whole months and weeks inside a date range (fail closed at a cut)', () => {
    expect(facetBounds('month', '2026-03-01', '2026-05-31')).toEqual({ min: '2026-03', max: '2026-05' });
    expect(facetBounds('month', '2026-03-02', '2026-05-30')).toEqual({ min: '2026-04', max: '2026-04' });
    expect(facetBounds('week', '2026-03-02', '2026-03-15')).toEqual({ min: '2026-W10', max: '2026-W11' });
    expect(facetBounds('week', '2026-03-03', '2026-03-14')).toEqual({ min: '2026-W11', max: '2026-W10' });
  });
});

describe('isWithinRowScope', () => {
  it('places, dates and links', () => {
    const pp = scope({ places: ['12'], from: '2026-03-01' });
    expect(isWithinRowScope(caseDef, { commune: '120101', month: '2026-03' }, [], pp)).toBe(true);
    expect(isWithinRowScope(caseDef, { commune: '080101', month: '2026-03' }, [], pp)).toBe(false);
    expect(isWithinRowScope(caseDef, { commune: '120101', month: '2026-02' }, [], pp)).toBe(false);
    expect(isWithinRowScope(personDef, {}, [], pp)).toBe(false);
    expect(isWithinRowScope(personDef, {}, ['person_in_health_case'], { ...pp, links: ['person_in_health_case'] })).toBe(true);
    expect(isWithinRowScope(personDef, {}, ['victim_in_case'], { ...pp, links: ['person_in_health_case'] })).toBe(false);
    expect(isWithinRowScope(personDef, {}, [], null)).toBe(true);
  });

  it('agrees with the store filter it hands down', () => {
    fc.assert(
      fc.property(scopeArb, recordArb, (s, r) => {
        const filter = rowScopeFilter(r.type, s);
        if (filter === null || s === null || s.links.some((l) => ROW_LINKS[l] === r.type.name)) return;
        const f: Record<string, unknown> = facetsOf(r);
        const place = filter.placeFacet === null ? null : f[filter.placeFacet];
        const unit = filter.dateFacet === null ? null : f[filter.dateFacet];
        const byFilter =
          !filter.none &&
          (filter.places === null || (typeof place === 'string' && filter.places.some((p) => place.startsWith(p)))) &&
          (filter.dateFacet === null ||
            (typeof unit === 'string' && (filter.min === null || unit >= filter.min) && (filter.max === null || unit <= filter.max)));
        expect(isWithinRowScope(r.type, f, r.links, s)).toBe(byFilter);
      }),
    );
  });
});

describe('narrowing and widening', () => {
  it('a record inside a narrower scope is inside the wider one', () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, recordArb, (wide, narrow, r) => {
        fc.pre(isNarrowing(wide, narrow));
        if (isWithinRowScope(r.type, facetsOf(r), r.links, narrow)) expect(isWithinRowScope(r.type, facetsOf(r), r.links, wide)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is a partial order: reflexive and transitive', () => {
    fc.assert(fc.property(scopeArb, (s) => isNarrowing(s, s)));
    fc.assert(
      fc.property(scopeArb, scopeArb, scopeArb, (a, b, c) => {
        fc.pre(isNarrowing(a, b) && isNarrowing(b, c));
        expect(isNarrowing(a, c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('names what widens; every record (null) is the top', () => {
    const pp = scope({ places: ['12'] });
    expect(rowScopeWidenings(pp, scope({ places: ['12', '08'] }))).toEqual(['places: + 08']);
    expect(isWidening(pp, null)).toBe(true);
    expect(isNarrowing(null, pp)).toBe(true);
    expect(isNarrowing(pp, scope({ places: ['1201'], from: '2026-03-01' }))).toBe(true);
    expect(rowScopeWidenings(scope({ from: '2026-03-01' }), scope({}))).toEqual(['from: 2026-03-01 → open']);
    expect(isWidening(pp, scope({ places: ['12'], links: ['victim_in_case'] }))).toBe(true);
    expect(isNarrowing(scope({ places: ['12'], links: ['victim_in_case'] }), scope({ places: ['1201'], links: ['victim_in_case'] }))).toBe(true);
  });

  it('the purpose scope is the ceiling of its grants', () => {
    expect(beyondPurposeScope(scope({ places: ['12'] }), scope({ places: ['1201'] }))).toEqual([]);
    expect(beyondPurposeScope(scope({ places: ['12'] }), null)).not.toEqual([]);
    expect(beyondPurposeScope(null, scope({ places: ['08'] }))).toEqual([]);
  });
});

describe('effectiveRowScope', () => {
  it("a record inside the effective scope is inside both the grant's and the purpose's", () => {
    fc.assert(
      fc.property(scopeArb, scopeArb, recordArb, (grant, purpose, r) => {
        const eff = effectiveRowScope(grant, purpose);
        if (isWithinRowScope(r.type, facetsOf(r), r.links, eff)) {
          expect(isWithinRowScope(r.type, facetsOf(r), r.links, grant)).toBe(true);
          expect(isWithinRowScope(r.type, facetsOf(r), r.links, purpose)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(effectiveRowScope(scope({ places: ['08'] }), scope({ places: ['12'] }))).toEqual(NO_RECORDS);
    expect(effectiveRowScope(null, scope({ places: ['12'] }))).toEqual(scope({ places: ['12'] }));
  });
});

describe('describeRowScope', () => {
  const names = (code: string) => ({ '12': { en: 'Phnom Penh', km: 'ភ្នំពេញ' }, '08': { en: 'Kandal', km: 'កណ្ដាល' } })[code];
  it('says the scope in English and Khmer', () => {
    const s = scope({ places: ['12', '08'], from: '2026-03-01' });
    expect(describeRowScope(s, 'en', names)).toBe('Phnom Penh and Kandal; records since 1 March 2026');
    expect(describeRowScope(s, 'km', names)).toBe('ភ្នំពេញ និង កណ្ដាល; កំណត់ត្រា ចាប់ពី ថ្ងៃទី 1 ខែមីនា ឆ្នាំ 2026');
    expect(describeRowScope(null, 'en')).toBe('All records');
    expect(describeRowScope(scope({ places: ['120101'], until: '2026-05-31', links: ['person_in_health_case'] }), 'en')).toBe(
      '120101; records until 31 May 2026; persons who appear in health cases inside this scope',
    );
  });
});
