import { describe, expect, it } from 'vitest';
import { asciiDigits, parseProvince, parseStatsRoute, parseWhole, statsRoute } from './stats-route.js';

describe('the statistics view’s address', () => {
  it('reads a province and a year, and writes them back; the threshold is the tier’s, never the address’s', () => {
    expect(parseStatsRoute(['12', '2025'])).toEqual({ province: '12', year: 2025 });
    // An older address naming a threshold still opens, at the tier's threshold.
    expect(parseStatsRoute(['all', '2024', '15'])).toEqual({ province: null, year: 2024 });
    for (const choice of [
      { province: '12', year: 2025 },
      { province: null, year: 2024 },
    ])
      expect(parseStatsRoute(statsRoute(choice).split('/').slice(2))).toEqual(choice);
    expect(statsRoute({ province: '03', year: 2025 })).toBe('#/statistics/03/2025');
  });

  it('reads anything malformed as nothing asked yet', () => {
    expect(parseStatsRoute([])).toBeNull();
    expect(parseStatsRoute(['12'])).toBeNull();
    expect(parseStatsRoute(['123', '2025'])).toBeNull();
    expect(parseStatsRoute(['12', '1999'])).toBeNull();
  });
});

describe('what an officer types', () => {
  it('accepts Khmer digits as well as ASCII ones', () => {
    expect(asciiDigits(' ១២ ')).toBe('12');
    expect(parseProvince('១២')).toBe('12');
    expect(parseWhole('២០២៥', 2000, 2100)).toBe(2025);
  });

  it('takes an empty province as the whole country and refuses other shapes', () => {
    expect(parseProvince('')).toBeNull();
    expect(parseProvince('1')).toBeUndefined();
    expect(parseProvince('Phnom Penh')).toBeUndefined();
    expect(parseWhole('20.5', 1, 100)).toBeUndefined();
    expect(parseWhole('101', 1, 100)).toBeUndefined();
  });
});
