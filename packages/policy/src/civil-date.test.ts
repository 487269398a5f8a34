import { isMinorOn } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { civilDate, listedOn } from './civil-date.js';

const PP = 'Asia/Phnom_Penh';
const at = (iso: string) => Date.parse(iso) / 1000;

describe("the data owner's calendar", () => {
  it('turns the day at midnight in Phnom Penh, 17:00 UTC', () => {
    expect(civilDate(at('2026-03-01T16:59:59Z'), PP)).toBe('2026-03-01');
    expect(civilDate(at('2026-03-01T17:00:00Z'), PP)).toBe('2026-03-02');
    expect(civilDate(at('2026-03-01T17:00:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('a listing ending on 1 March is no longer in force at 17:00 UTC that day; one starting on 2 March is', () => {
    const ended = [{ listed_from: '2025-03-01', listed_until: '2026-03-01' }];
    const starts = [{ listed_from: '2026-03-02', listed_until: '2027-03-01' }];
    expect(listedOn(ended, civilDate(at('2026-03-01T16:59:59Z'), PP))).toBe(true);
    expect(listedOn(ended, civilDate(at('2026-03-01T17:00:00Z'), PP))).toBe(false);
    expect(listedOn(starts, civilDate(at('2026-03-01T16:59:59Z'), PP))).toBe(false);
    expect(listedOn(starts, civilDate(at('2026-03-01T17:00:00Z'), PP))).toBe(true);
  });

  it('ignores what is not a listing', () => {
    expect(listedOn(undefined, '2026-03-01')).toBe(false);
    expect(listedOn([null, { listed_from: '2026-01-01' }, 'x'], '2026-03-01')).toBe(false);
  });

  it('a person turns 18 on their birthday in Phnom Penh, not seven hours later', () => {
    expect(isMinorOn('2008-03-02', civilDate(at('2026-03-01T16:59:59Z'), PP))).toBe(true);
    expect(isMinorOn('2008-03-02', civilDate(at('2026-03-01T17:00:00Z'), PP))).toBe(false);
  });
});
