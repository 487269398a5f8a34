import { describe, expect, it } from 'vitest';
import { khmerDateTime, khmerDayMonth, khmerDigits, khmerMonth, khmerNumber } from './khmer-format.js';

describe('Khmer dates and numbers without Intl Khmer data', () => {
  const instant = new Date('2026-11-23T01:05:00Z');

  it('writes dates with Khmer month names and digits in the chosen zone', () => {
    expect(khmerDateTime(instant, 'Asia/Phnom_Penh')).toBe('២៣ វិច្ឆិកា ២០២៦ ០៨:០៥');
    expect(khmerDateTime(new Date('2026-12-31T17:30:00Z'), 'Asia/Phnom_Penh')).toBe('១ មករា ២០២៧ ០០:៣០');
    expect(khmerDayMonth(instant, 'UTC')).toBe('២៣ វិច្ឆិកា');
  });

  it('names calendar months in Khmer, with the year in Khmer digits when asked', () => {
    expect(khmerMonth('2025-01', false)).toBe('មករា');
    expect(khmerMonth('2025-12', true)).toBe('ធ្នូ ២០២៥');
  });

  it('writes numbers with Khmer digits and grouping', () => {
    expect(khmerDigits('0123456789')).toBe('០១២៣៤៥៦៧៨៩');
    expect(khmerNumber(1234567)).toBe('១.២៣៤.៥៦៧');
    expect(khmerNumber(12.5)).toBe('១២,៥');
    expect(khmerNumber(0)).toBe('០');
  });
});
