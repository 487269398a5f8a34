import { type SeedKey, seedKey } from '../lib/prng.js';
import { toDay } from '../lib/dates.js';

/** Number of records of each type in a dataset. */
export interface DatasetSizes {
  readonly persons: number;
  readonly cases: number;
  readonly healthCases: number;
  readonly disciplines: number;
}

/** Everything a record generator needs besides its index. */
export interface GeneratorContext {
  readonly key: SeedKey;
  readonly referenceDate: string;
  readonly referenceDay: number;
  readonly sizes: DatasetSizes;
}

/** One random stream per purpose, so adding draws to one record type never changes another. */
export const STREAMS = { person: 1, case: 2, health: 3, discipline: 4, officer: 5, dataset: 6 } as const;

export function createContext(seed: string, referenceDate: string, sizes: DatasetSizes): GeneratorContext {
  return { key: seedKey(seed), referenceDate, referenceDay: toDay(referenceDate), sizes };
}
