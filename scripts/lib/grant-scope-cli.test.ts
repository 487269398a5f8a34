import { describe, expect, it } from 'vitest';
import { scopeFromOptions } from './grant-scope-cli.js';

describe('n2k grants scope: options to a row scope', () => {
  it('shows without options, clears with --all-records, builds the rest', () => {
    expect(scopeFromOptions({})).toBeUndefined();
    expect(scopeFromOptions({ 'all-records': true, places: '12' })).toBeNull();
    expect(scopeFromOptions({ places: '12, 08', since: '2026-03-01', links: 'victim_in_case' })).toEqual({
      places: ['08', '12'],
      from: '2026-03-01',
      until: null,
      links: ['victim_in_case'],
    });
  });
  it('refuses what the policy refuses, saying where', () => {
    expect(() => scopeFromOptions({ places: '99' })).toThrow(/places\.0/);
    expect(() => scopeFromOptions({ since: '2026-05-01', through: '2026-04-01' })).toThrow(/until/);
  });
});
