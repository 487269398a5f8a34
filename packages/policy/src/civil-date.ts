import { localDate } from '@need2know/zoned-time';

/**
 * The calendar date (`YYYY-MM-DD`) on the data owner's wall calendar in `timeZone` at Unix time
 * `now`: the one "today" that decides whether a listing is in force, who is a minor, and how old a
 * record may say someone is. Never the UTC date: in Phnom Penh (UTC+7) the UTC date is yesterday's
 * for the first seven hours of every day.
 *
 * @example civilDate(Date.UTC(2026, 2, 1, 17) / 1000, 'Asia/Phnom_Penh') // '2026-03-02'
 */
export function civilDate(now: number, timeZone: string): string {
  return localDate(timeZone, now * 1000);
}

/**
 * Whether some listing (an item with `listed_from` and `listed_until`, both `YYYY-MM-DD` on the
 * data owner's calendar, both ends inclusive) is in force on `today` ({@link civilDate}). Items
 * without both dates never count; no listings → false. This is the one rule for "listed today":
 * the check endpoint and the `predicate` disclosure mode both ask it.
 *
 * @example listedOn([{ listed_from: '2025-03-01', listed_until: '2026-03-01' }], '2026-03-02') // false
 */
export function listedOn(listings: unknown, today: string): boolean {
  if (!Array.isArray(listings)) return false;
  return listings.some((item: unknown) => {
    if (typeof item !== 'object' || item === null) return false;
    const { listed_from: from, listed_until: until } = item as Record<string, unknown>;
    return typeof from === 'string' && typeof until === 'string' && from <= today && today <= until;
  });
}
