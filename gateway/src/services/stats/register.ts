import { Problem } from '../../platform/errors/problem.js';
import { commitChange } from '../../store/d1/admin-events.js';
import { listLedgers, type LedgerLine } from '../../store/d1/stats/ledger.js';
import { replaceGazetteer } from '../../store/d1/stats/places.js';
import { listReleases, type ReleaseRow } from '../../store/d1/stats/releases.js';

export type { LedgerLine } from '../../store/d1/stats/ledger.js';
export type { ReleaseRow } from '../../store/d1/stats/releases.js';

/** The privacy-budget ledger: ε spent per consumer and purpose, with the number of spends. */
export function budgetLedgers(db: D1Database): Promise<LedgerLine[]> {
  return listLedgers(db);
}

/** The register of releases, newest first, without their bodies. */
export function releaseRegister(db: D1Database, limit: number): Promise<ReleaseRow[]> {
  return listReleases(db, limit);
}

/**
 * Replaces the place list (gazetteer) tables are laid out on with `codes` (2, 4 or 6 digits), logged
 * as one administrative change. Returns how many codes it now holds. Throws {@link Problem} 409 when
 * the change could not be committed.
 */
export async function replacePlaces(db: D1Database, codes: readonly string[], actor: string, reason: string, now: number): Promise<number> {
  const unique = [...new Set(codes)].sort();
  const outcome = await commitChange(db, replaceGazetteer(db, unique), {
    at: now,
    actor,
    action: 'stats.places.replace',
    targetType: 'stats_places',
    targetId: 'gazetteer',
    detail: { codes: unique.length, reason },
  });
  if (!outcome.ok) throw new Problem(409, 'conflict');
  return unique.length;
}
