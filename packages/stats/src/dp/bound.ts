import { MAX_CONTRIBUTION_BOUND } from '../constants.js';
import { StatsError } from '../errors.js';

/** A record as contribution bounding sees it: whose it is, and a key that orders a unit's records. */
export interface UnitRecord {
  /** The privacy unit (a person): a keyed hash, never a name or number in clear. */
  readonly unit: string;
  /** Orders the unit's records; the first `bound` are kept. Must not depend on other units' records. */
  readonly key: string;
}

/**
 * Keeps at most `bound` records of each unit (the `bound` smallest keys): then adding or removing
 * everything one person contributed changes at most `bound` records, which is what the noise is
 * calibrated to. Which records a unit keeps depends only on that unit's own records, so removing one
 * person never changes what another keeps.
 *
 * @example boundContributions(records, 2) // each officer counted at most twice
 */
export function boundContributions<T extends UnitRecord>(records: readonly T[], bound: number): T[] {
  if (!Number.isInteger(bound) || bound < 1 || bound > MAX_CONTRIBUTION_BOUND) throw new StatsError('ERR_PARAMETER', `the contribution bound is an integer from 1 to ${MAX_CONTRIBUTION_BOUND}`);
  // Most people have few records: count first, and sort only the records of those over the bound.
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.unit, (counts.get(r.unit) ?? 0) + 1);
  const kept: T[] = [];
  const over = new Map<string, T[]>();
  for (const r of records) {
    if ((counts.get(r.unit) as number) <= bound) kept.push(r);
    else {
      const list = over.get(r.unit);
      if (list === undefined) over.set(r.unit, [r]);
      else list.push(r);
    }
  }
  for (const list of over.values()) {
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let i = 0; i < bound; i++) kept.push(list[i] as T);
  }
  return kept;
}
