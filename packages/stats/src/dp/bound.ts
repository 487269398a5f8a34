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
  if (!Number.isInteger(bound) || bound < 1 || bound > MAX_CONTRIBUTION_BOUND)
    throw new StatsError('ERR_PARAMETER', `the contribution bound is an integer from 1 to ${MAX_CONTRIBUTION_BOUND}`);
  // Most people have few records: number the units and count them first (one map look-up per
  // record), then sort only the records of those over the bound.
  const index = new Map<string, number>();
  const unitOf = new Int32Array(records.length);
  const counts: number[] = [];
  records.forEach((r, i) => {
    let id = index.get(r.unit);
    if (id === undefined) {
      id = counts.length;
      index.set(r.unit, id);
      counts.push(0);
    }
    unitOf[i] = id;
    counts[id] = (counts[id] as number) + 1;
  });
  const kept: T[] = [];
  const over = new Map<number, T[]>();
  records.forEach((r, i) => {
    const id = unitOf[i] as number;
    if ((counts[id] as number) <= bound) kept.push(r);
    else {
      const list = over.get(id);
      if (list === undefined) over.set(id, [r]);
      else list.push(r);
    }
  });
  for (const list of over.values()) {
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let i = 0; i < bound; i++) kept.push(list[i] as T);
  }
  return kept;
}
