import { Problem } from '../../platform/errors/problem.js';
import type { LedgerLine, ReleaseRow, Stores } from '../../store/ports/index.js';

export type { LedgerLine, ReleaseRow } from '../../store/ports/index.js';

/** The privacy-budget ledger: ε spent per consumer and purpose, with the number of spends. */
export function budgetLedgers(stores: Pick<Stores, 'stats'>): Promise<LedgerLine[]> {
  return stores.stats.listLedgers();
}

/** The register of releases, newest first, without their bodies. */
export function releaseRegister(stores: Pick<Stores, 'stats'>, limit: number): Promise<ReleaseRow[]> {
  return stores.stats.listReleases(limit);
}

/**
 * Replaces the place list (gazetteer) tables are laid out on with `codes` (2, 4 or 6 digits), logged
 * as one administrative change. Returns how many codes it now holds. Throws {@link Problem} 409 when
 * the change could not be committed.
 */
export async function replacePlaces(stores: Pick<Stores, 'changes'>, codes: readonly string[], actor: string, reason: string, now: number): Promise<number> {
  const unique = [...new Set(codes)].sort();
  const outcome = await stores.changes.commit([{ op: 'stats_places.replace', codes: unique }], {
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
