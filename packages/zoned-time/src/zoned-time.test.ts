import { describe, expect, it } from 'vitest';
import { isTimeZone, localDate, localDaysEnding, rfc3339InZone, zonedInstant, zoneOffsetMinutes } from './zoned-time.js';

const at = (iso: string) => Date.parse(iso);

describe('civil time in a zone', () => {
  it('knows Phnom Penh is UTC+7 all year, and London changes in spring and autumn', () => {
    expect(zoneOffsetMinutes('Asia/Phnom_Penh', at('2026-01-15T00:00:00Z'))).toBe(420);
    expect(zoneOffsetMinutes('Asia/Phnom_Penh', at('2026-07-15T00:00:00Z'))).toBe(420);
    expect(zoneOffsetMinutes('Europe/London', at('2026-01-15T00:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes('Europe/London', at('2026-07-15T00:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Asia/Kathmandu', at('2026-07-15T00:00:00Z'))).toBe(345);
  });

  it('puts an instant on the local day, not the UTC day', () => {
    // 18:30 UTC is already the next morning in Phnom Penh.
    expect(localDate('Asia/Phnom_Penh', at('2026-11-22T18:30:00Z'))).toBe('2026-11-23');
    expect(localDate('UTC', at('2026-11-22T18:30:00Z'))).toBe('2026-11-22');
  });

  it('turns the date and time an officer picked into the instant, and back', () => {
    const t = zonedInstant('Asia/Phnom_Penh', '2026-11-23', '08:00');
    expect(t).toBe(at('2026-11-23T01:00:00Z'));
    expect(rfc3339InZone('Asia/Phnom_Penh', t as number)).toBe('2026-11-23T08:00:00+07:00');
    expect(rfc3339InZone('UTC', t as number)).toBe('2026-11-23T01:00:00+00:00');
    expect(zonedInstant('Europe/London', '2026-07-01', '09:30')).toBe(at('2026-07-01T08:30:00Z'));
  });

  it('refuses malformed or impossible dates and times', () => {
    for (const [d, t] of [
      ['2026-02-30', '08:00'],
      ['2026-11-23', '24:00'],
      ['2026-11-23', '8:00'],
      ['23/11/2026', '08:00'],
      ['2026-11-23', '08:60'],
    ]) {
      expect(zonedInstant('Asia/Phnom_Penh', d as string, t as string)).toBeNull();
    }
  });

  it('lists local days with their true length across daylight-saving changes', () => {
    const pp = localDaysEnding('Asia/Phnom_Penh', at('2026-11-22T18:30:00Z'), 3);
    expect(pp.map((d) => d.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(pp[2]).toEqual({ day: '2026-11-23', start: at('2026-11-22T17:00:00Z') / 1000, end: at('2026-11-23T17:00:00Z') / 1000 });
    for (const d of pp) expect(d.end - d.start).toBe(86_400);
    const spring = localDaysEnding('Europe/London', at('2026-03-30T12:00:00Z'), 2);
    expect(spring.map((d) => [d.day, d.end - d.start])).toEqual([
      ['2026-03-29', 23 * 3600],
      ['2026-03-30', 24 * 3600],
    ]);
    const autumn = localDaysEnding('Europe/London', at('2026-10-25T12:00:00Z'), 1);
    const [day] = autumn;
    expect(day === undefined ? undefined : day.end - day.start).toBe(25 * 3600);
  });

  it('accepts IANA zone names and refuses anything else', () => {
    expect(isTimeZone('Asia/Phnom_Penh')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
