import { localDaysEnding, type LocalDay } from '@need2know/zoned-time';
import type { Stores } from '../../store/ports/index.js';
import { dailyDisclosures, type DailySeries } from './daily-disclosures.js';

/** The daily report: the local days counted and, per agency and purpose, the series over them. */
export interface DailyDisclosureReport {
  readonly days: readonly LocalDay[];
  readonly series: readonly DailySeries[];
}

/**
 * The `dayCount` calendar days of `timeZone` ending today (at `now`), and per agency and purpose the
 * answers given, refused and rate-limited on each ({@link dailyDisclosures}). The disclosure index
 * trails the log by moments; it is brought up to date first, so the figures include everything logged.
 */
export async function dailyDisclosureReport(
  stores: Pick<Stores, 'oversight' | 'auditLog'>,
  timeZone: string,
  dayCount: number,
  filter: { agencyId?: string; purposeId?: string },
  now: number,
): Promise<DailyDisclosureReport> {
  const days = localDaysEnding(timeZone, now * 1000, dayCount);
  await stores.auditLog.flushIndex();
  return { days, series: await dailyDisclosures(stores, days, filter) };
}
