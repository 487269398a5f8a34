import type { LocalDay } from '@need2know/zoned-time';
import type { Stores } from '../../store/ports/index.js';

/** Disclosure outcomes that withheld the answer: the record was missing or outside the grant, its viewer key was gone, the request lacked a required stated reason or sent a malformed one, or an original was too large to deliver. */
export const REFUSED_OUTCOMES = ['not_found', 'key_destroyed', 'reason_required', 'reason_invalid', 'media_too_large'] as const;

/** One agency's use of one purpose, day by day (arrays aligned with the days asked for). */
export interface DailySeries {
  readonly agencyId: string;
  readonly purposeId: string;
  readonly disclosed: number[];
  readonly refused: number[];
  readonly rateLimited: number[];
}

/**
 * Per agency and purpose, for each of `days` (local days of the officer's time zone): answers
 * given, answers refused, and requests stopped by a rate limit. Counted from the disclosure index
 * (every disclosure and refusal, written before the answer left). Days with nothing are zeros;
 * pairs with nothing in the whole range are left out.
 *
 * Each day is a range of `at`, so the query walks the (agency, at) index once per agency and day
 * instead of scanning the table.
 */
export async function dailyDisclosures(
  stores: Pick<Stores, 'oversight'>,
  days: readonly LocalDay[],
  filter: { agencyId?: string; purposeId?: string } = {},
): Promise<DailySeries[]> {
  if (days.length === 0) return [];
  const results = await stores.oversight.outcomeCountsBySlot(
    days.map((d) => [d.start, d.end] as const),
    REFUSED_OUTCOMES,
    filter,
  );
  const series = new Map<string, DailySeries>();
  for (const r of results) {
    const key = `${r.agencyId}\u0000${r.purposeId}`;
    let s = series.get(key);
    if (s === undefined) {
      const zeros = () => days.map(() => 0);
      s = { agencyId: r.agencyId, purposeId: r.purposeId, disclosed: zeros(), refused: zeros(), rateLimited: zeros() };
      series.set(key, s);
    }
    s.disclosed[r.slot] = r.disclosed;
    s.refused[r.slot] = r.refused;
    s.rateLimited[r.slot] = r.rateLimited;
  }
  return [...series.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId) || a.purposeId.localeCompare(b.purposeId));
}
