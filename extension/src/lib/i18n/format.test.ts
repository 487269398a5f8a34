import { readDay } from '@need2know/zoned-time';
import { describe, expect, it } from 'vitest';
import { weekMonday } from './calendar.js';
import { formatDateTime, formatDay, formatMonth, weekStart } from './format.js';

describe('dates as people write them', () => {
  it('writes a day out in words, in either language', () => {
    expect(formatDay('en', '2026-04-06')).toBe('6 April 2026');
    expect(formatDay('km', '2026-04-06')).toBe('៦ មេសា ២០២៦');
    expect(formatDay('en', 'not a day')).toBe('not a day');
    expect(formatDay('en', '2026-02-30')).toBe('2026-02-30');
  });

  it('writes every day so that the day input reads it back, in both languages', () => {
    for (const iso of ['1991-02-03', '2026-11-23', '2000-02-29', '1900-01-01', '2026-12-31'])
      for (const lang of ['en', 'km'] as const) expect(readDay(formatDay(lang, iso)), `${lang} ${iso}`).toEqual({ kind: 'day', iso });
  });

  it('writes a month', () => {
    expect(formatMonth('en', '2026-04')).toBe('April 2026');
    expect(formatMonth('km', '2026-12')).toBe('ធ្នូ ២០២៦');
  });

  it('finds the Monday of an ISO 8601 week, across year ends', () => {
    expect(weekMonday('2026-W15')).toBe('2026-04-06');
    expect(weekMonday('2026-W01')).toBe('2025-12-29');
    expect(weekMonday('2026-W53')).toBe('2026-12-28');
    expect(weekMonday('2025-W53')).toBeUndefined();
    expect(weekMonday('2021-W01')).toBe('2021-01-04');
    expect(weekStart('en', '2026-W15')).toBe('6 April 2026');
  });

  it('reads instants in Phnom Penh', () => {
    expect(formatDateTime('en', '2026-04-06T17:30:00Z')).toBe('7 April 2026, 00:30');
    expect(formatDateTime('km', '2026-04-06T17:30:00Z')).toBe('៧ មេសា ២០២៦ ០០:៣០');
  });
});
