import { describe, expect, it } from 'vitest';
import { cronMatcher, cronsOf } from './local-cron.js';

const at = (iso: string) => new Date(iso);

describe('cronMatcher', () => {
  it('matches every minute for "* * * * *"', () => {
    const m = cronMatcher('* * * * *');
    expect(m(at('2026-12-04T00:00:00Z'))).toBe(true);
    expect(m(at('2026-12-04T23:59:00Z'))).toBe(true);
  });

  it('reads numbers, ranges, steps and lists, in UTC', () => {
    const m = cronMatcher('*/15 2-4 1,15 1-6 *');
    expect(m(at('2026-06-01T02:30:00Z'))).toBe(true);
    expect(m(at('2026-06-01T02:31:00Z'))).toBe(false);
    expect(m(at('2026-06-01T05:00:00Z'))).toBe(false);
    expect(m(at('2026-06-02T02:30:00Z'))).toBe(false);
    expect(m(at('2026-07-15T03:00:00Z'))).toBe(false);
    expect(m(at('2026-03-15T04:45:00Z'))).toBe(true);
    expect(cronMatcher('5/20 * * * *')(at('2026-12-01T00:45:00Z'))).toBe(true);
  });

  it('refuses what it cannot read', () => {
    expect(() => cronMatcher('* * * *')).toThrow(TypeError);
    expect(() => cronMatcher('61 * * * *')).toThrow(TypeError);
    expect(() => cronMatcher('@hourly * * * *')).toThrow(TypeError);
    expect(() => cronMatcher('0 0 * * 1')).toThrow(/day of week/);
  });
});

describe('cronsOf', () => {
  it('reads the triggers of the project wrangler.toml', () => {
    expect(cronsOf()).toEqual(['* * * * *']);
  });
});
