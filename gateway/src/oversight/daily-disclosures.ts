import type { LocalDay } from '@need2know/policy';

/** Disclosure outcomes that withheld the answer: the record was missing or outside the grant, or its viewer key was gone. */
export const REFUSED_OUTCOMES = ['not_found', 'key_destroyed'] as const;

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
export async function dailyDisclosures(db: D1Database, days: readonly LocalDay[], filter: { agencyId?: string; purposeId?: string } = {}): Promise<DailySeries[]> {
  if (days.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT b.key AS slot, d.agency_id, d.purpose_id,
              sum(d.outcome = 'disclosed') AS disclosed,
              sum(d.outcome IN (SELECT value FROM json_each(?4))) AS refused,
              sum(d.outcome = 'rate_limited') AS rate_limited
       FROM json_each(?1) b
       JOIN disclosures d ON d.agency_id IN (SELECT id FROM agencies WHERE ?2 IS NULL OR id = ?2)
                         AND d.at >= json_extract(b.value, '$[0]') AND d.at < json_extract(b.value, '$[1]')
       WHERE ?3 IS NULL OR d.purpose_id = ?3
       GROUP BY b.key, d.agency_id, d.purpose_id`,
    )
    .bind(JSON.stringify(days.map((d) => [d.start, d.end])), filter.agencyId ?? null, filter.purposeId ?? null, JSON.stringify(REFUSED_OUTCOMES))
    .all<{ slot: number; agency_id: string; purpose_id: string; disclosed: number; refused: number; rate_limited: number }>();
  const series = new Map<string, DailySeries>();
  for (const r of results) {
    const key = `${r.agency_id}\u0000${r.purpose_id}`;
    let s = series.get(key);
    if (s === undefined) {
      const zeros = () => days.map(() => 0);
      s = { agencyId: r.agency_id, purposeId: r.purpose_id, disclosed: zeros(), refused: zeros(), rateLimited: zeros() };
      series.set(key, s);
    }
    s.disclosed[r.slot] = r.disclosed;
    s.refused[r.slot] = r.refused;
    s.rateLimited[r.slot] = r.rate_limited;
  }
  return [...series.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId) || a.purposeId.localeCompare(b.purposeId));
}
