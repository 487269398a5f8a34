/** Search scope: a search may use only fields disclosed in clear, and a miss costs the identity probed. */
import fc from 'fast-check';
import { DISCLOSURE_MODES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { decideSearch, probeId, probesToCount } from './search-scope.js';

describe('decideSearch', () => {
  it('allows a search whose every field is disclosed in clear', () => {
    expect(decideSearch(['name_latin', 'date_of_birth'], { name_latin: 'clear', date_of_birth: 'clear', phone: 'masked' })).toEqual({ ok: true });
  });

  it('refuses name + date of birth when either is only a pseudonym, an age band or a predicate, naming those fields', () => {
    expect(decideSearch(['name_latin', 'date_of_birth'], { name_latin: 'pseudonym', date_of_birth: 'generalised' })).toEqual({
      ok: false,
      code: 'search_not_permitted',
      fields: ['name_latin', 'date_of_birth'],
    });
    expect(decideSearch(['name_latin', 'date_of_birth'], { name_latin: 'clear', date_of_birth: 'predicate' })).toMatchObject({
      ok: false,
      fields: ['date_of_birth'],
    });
  });

  it('refuses fields not disclosed at all, inherited names, and a search over no field', () => {
    expect(decideSearch(['national_id'], { name_latin: 'clear' })).toMatchObject({ ok: false, fields: ['national_id'] });
    expect(decideSearch(['constructor'], {})).toMatchObject({ ok: false });
    expect(decideSearch([], { name_latin: 'clear' })).toMatchObject({ ok: false });
  });

  it('allows exactly when every searched field is clear, whatever the modes', () => {
    const modes = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.constantFrom(...DISCLOSURE_MODES));
    fc.assert(
      fc.property(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), modes, (fields, disclosed) => {
        expect(decideSearch(fields, disclosed).ok).toBe(fields.every((f) => disclosed[f] === 'clear'));
      }),
    );
  });
});

describe('probesToCount', () => {
  it('costs the probe only when nothing was found', () => {
    expect(probesToCount(0, probeId('person', 'phone', ['+85512345678']))).toEqual(['probe:person:phone:["+85512345678"]']);
    expect(probesToCount(2, probeId('person', 'phone', ['+85512345678']))).toEqual([]);
  });

  it('gives the same probe for the same search and values, and never a bare person id', () => {
    expect(probeId('person', 'name_dob', ['sok dara', '1990-04-17'])).toBe(probeId('person', 'name_dob', ['sok dara', '1990-04-17']));
    expect(probeId('person', 'name_dob', ['sok dara', '1990-04-17'])).not.toBe(probeId('person', 'name_dob', ['sok dara', '1990-04-18']));
    expect(probeId('person', 'phone', ['x'])).toMatch(/^probe:/);
  });
});
