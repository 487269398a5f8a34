import { statsReleaseEntry, type StatsRelease } from '@need2know/audit';
import type { Stores } from '../../store/ports/index.js';

/**
 * A release of aggregate statistics as the tamper-evident log records it: to whom, under what, the
 * parameters, how it was protected (integers only: ε in millionths) and the hash of what left. It
 * holds no count and no personal data (`statsReleaseEntry` of `@need2know/audit` writes it).
 */
export type StatsReleaseEntry = StatsRelease;

/**
 * Appends a `stats_release` entry to the log and returns its index. Fail-closed: it throws when the
 * log cannot be written, and callers write it before the release leaves.
 */
export async function recordStatsRelease(stores: Pick<Stores, 'auditLog'>, e: StatsReleaseEntry): Promise<number> {
  const { first } = await stores.auditLog.append([statsReleaseEntry(e)]);
  return first;
}
