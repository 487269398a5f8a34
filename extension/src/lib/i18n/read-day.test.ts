import { describe, expect, it } from 'vitest';
import { formatDay } from './format.js';
import { readDay } from './read-day.js';

describe('a day as an officer types it', () => {
  it('is read from either language, by month name or number, and from ISO 8601', () => {
    for (const typed of [
      '3 February 1991',
      '3 feb 1991',
      ' 03  FEB, 1991 ',
      '03/02/1991',
      '3-2-1991',
      '3.2.1991',
      '1991-02-03',
      '៣ កុម្ភៈ ១៩៩១',
      '៣ កុម្ភ ១៩៩១',
      '៣/២/១៩៩១',
    ])
      expect(readDay(typed), typed).toEqual({ kind: 'day', iso: '1991-02-03' });
  });

  it('reads back every day the viewer writes, in both languages', () => {
    for (const iso of ['1991-02-03', '2026-11-23', '2000-02-29', '1900-01-01', '2026-12-31'])
      for (const lang of ['en', 'km'] as const) expect(readDay(formatDay(lang, iso)), `${lang} ${iso}`).toEqual({ kind: 'day', iso });
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
      '៣២ មករា ២០២៦',
    ])
      expect(readDay(typed), typed).toEqual({ kind: 'invalid' });
  });
});
