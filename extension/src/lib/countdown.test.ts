import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockOffset, countdown, formatDuration } from './countdown.js';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('countdown', () => {
  it('formats days, hours, minutes and seconds', () => {
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(59_999)).toBe('00:00:59');
    expect(formatDuration(96 * 3600 * 1000 - 1000)).toBe('3 d 23:59:59');
    expect(formatDuration(-5)).toBe('00:00:00');
  });

  it('counts down to the end of a live window, and calls out the last hour', () => {
    expect(countdown(iso(T0 - 1000), iso(T0 + 2 * 3600_000), T0)).toEqual({ state: 'live', remainingMs: 7_200_000, text: '02:00:00' });
    expect(countdown(iso(T0 - 1000), iso(T0 + 59 * 60_000), T0).state).toBe('ending_soon');
  });

  it('is ended at and after the end, and upcoming before the start', () => {
    expect(countdown(iso(T0 - 1000), iso(T0), T0).state).toBe('ended');
    expect(countdown(iso(T0 + 1000), iso(T0 + 5000), T0)).toMatchObject({ state: 'upcoming', remainingMs: 1000 });
    expect(countdown('garbage', iso(T0 + 5000), T0).state).toBe('ended');
  });

  it('never shows time left once the window is over, whatever the numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 10 ** 10 }),
        (startOffset, length, after) => {
          const start = T0 + startOffset;
          const end = start + length;
          const c = countdown(iso(start), iso(end), end + after);
          return c.state === 'ended' && c.remainingMs === 0;
        },
      ),
    );
  });

  it('reads the gateway clock, not the device clock', () => {
    expect(clockOffset(iso(T0), T0 - 90_000)).toBe(90_000);
    expect(clockOffset('nonsense', T0)).toBe(0);
  });
});
