import { describe, expect, it } from 'vitest';
import { khmerDigits, readDay } from './day-text.js';

describe('a day as an officer types it', () => {
  it('is read from either language, by month name or number, and from ISO 8601', () => {
    for (const typed of [
      '23 Nov 2026',
      '23 november 2026',
      ' 23  NOV, 2026 ',
      '23/11/2026',
      '23-11-2026',
      '23.11.2026',
      '2026-11-23',
      '២៣ វិច្ឆិកា ២០២៦',
      '២៣/១១/២០២៦',
    ])
      expect(readDay(typed), typed).toEqual({ kind: 'day', iso: '2026-11-23' });
    // A Khmer month name read with or without its final visarga, and a one-digit day.
    expect(readDay('៣ កុម្ភៈ ១៩៩១')).toEqual({ kind: 'day', iso: '1991-02-03' });
    expect(readDay('៣ កុម្ភ ១៩៩១')).toEqual({ kind: 'day', iso: '1991-02-03' });
    expect(readDay('3-2-1991')).toEqual({ kind: 'day', iso: '1991-02-03' });
  });

  it('says nothing typed is empty and refuses what is not a day', () => {
    expect(readDay('   ')).toEqual({ kind: 'empty' });
    for (const typed of [
      '31 Apr 2026',
      '29/02/2026',
      '0 Jan 2026',
      '12 Smarch 2026',
      '23 11 26',
      'tomorrow',
      '23 Nov',
      '2026-13-01',
      '3 Feb 1850',
      '3 Feb 2200',
      '1 Jan 1066',
      '23 No 2026',
      '៣២ មករា ២០២៦',
    ])
      expect(readDay(typed), typed).toEqual({ kind: 'invalid' });
    expect(readDay('29/02/2028')).toEqual({ kind: 'day', iso: '2028-02-29' });
  });

  it('writes Western digits as Khmer ones and leaves the rest', () => {
    expect(khmerDigits('23 Nov 2026, 45–49')).toBe('២៣ Nov ២០២៦, ៤៥–៤៩');
  });
});
