import { isNarrowing } from '@need2know/policy/row-scope-change';
import { describe, expect, it } from 'vitest';
import { choiceOfScope, scopeChange, scopeOfChoice, scopeWords } from './row-scope-choice.js';

const none = { everyRecord: false, provinces: [], codes: '', from: '', until: '', links: [] } as const;

describe('row scope choice', () => {
  it('makes the scope the officer chose, places sorted once, empty bounds left open', () => {
    expect(scopeOfChoice({ ...none, provinces: ['12', '08'], codes: ' 0801, 12 ;', from: '2026-03-01' })).toEqual({
      places: ['08', '0801', '12'],
      from: '2026-03-01',
      until: null,
      links: [],
    });
    expect(scopeOfChoice({ ...none, links: ['victim_in_case'] })).toEqual({ places: null, from: null, until: null, links: ['victim_in_case'] });
  });

  it('is every record when asked, or when nothing limits it', () => {
    expect(scopeOfChoice({ ...none, everyRecord: true, provinces: ['12'] })).toBeNull();
    expect(scopeOfChoice(none)).toBeNull();
  });

  it('shows a scope again as the choice that makes it', () => {
    const scope = { places: ['0801', '12'], from: null, until: '2026-06-30', links: ['person_in_health_case' as const] };
    expect(scopeOfChoice(choiceOfScope(scope))).toEqual(scope);
    expect(choiceOfScope(scope)).toMatchObject({ provinces: ['12'], codes: '0801' });
    expect(scopeOfChoice(choiceOfScope(null))).toBeNull();
  });

  it('says a change narrows or widens by the gateway’s own rule', () => {
    const pp = { places: ['12'], from: null, until: null, links: [] };
    const ppKandal = { places: ['08', '12'], from: null, until: null, links: [] };
    expect(scopeChange(null, pp)).toEqual({ kind: 'narrows' });
    expect(scopeChange(pp, pp)).toEqual({ kind: 'same' });
    expect(scopeChange(pp, ppKandal)).toMatchObject({ kind: 'widens' });
    expect(scopeChange(pp, null)).toMatchObject({ kind: 'widens' });
    for (const [a, b] of [
      [null, pp],
      [pp, ppKandal],
      [ppKandal, pp],
    ] as const)
      expect(scopeChange(a, b).kind === 'narrows').toBe(isNarrowing(a, b));
  });

  it('says the scope in words with the provinces’ names, in English and Khmer', () => {
    const scope = { places: ['08', '12'], from: '2026-03-01', until: null, links: [] };
    expect(scopeWords(scope, 'en')).toBe('Kandal and Phnom Penh; records since 1 March 2026');
    expect(scopeWords(scope, 'km')).toContain('ភ្នំពេញ');
    expect(scopeWords(null, 'en')).toBe('All records');
  });
});
