import { NO_SUPPRESSION_THRESHOLD, SUPPRESSION_STEPS } from '../constants.js';
import { StatsError } from '../errors.js';
import type { Table } from '../table/table.js';
import { suppress, type Suppression } from './suppress.js';

/**
 * The threshold a release is protected at: `threshold` raised to the next of {@link SUPPRESSION_STEPS}
 * (1, no suppression, stays 1). Never lower than asked; refuses thresholds above the last step.
 *
 * @example thresholdStep(10) === 10; thresholdStep(12) === 15; thresholdStep(1) === 1
 */
export function thresholdStep(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < NO_SUPPRESSION_THRESHOLD) throw new StatsError('ERR_PARAMETER', 'the threshold is an integer ≥ 1');
  if (threshold === NO_SUPPRESSION_THRESHOLD) return threshold;
  const step = SUPPRESSION_STEPS.find((s) => s >= threshold);
  if (step === undefined) throw new StatsError('ERR_PARAMETER', `the threshold is at most ${SUPPRESSION_STEPS.at(-1)}`);
  return step;
}

/**
 * Suppression at `threshold` (raised to its step) as one link of a chain: the pattern at the first step,
 * extended at each following step up to this one (see `suppress`'s `base`). The result is a function
 * of the table and the step alone, and for two steps s < t the cells withheld at s are withheld at t:
 * any set of releases of one table, at any thresholds, shows no more than the one at the lowest.
 *
 * Costs one pass per step up to the threshold (three for the public default of 10). `order` is the
 * order of opening (see `suppress`), the same at every step.
 *
 * @example
 * suppressAtStep(table, 10).suppressed // ⊇ suppressAtStep(table, 5).suppressed
 */
export function suppressAtStep(table: Table, threshold: number, order?: readonly number[]): Suppression {
  const pattern = suppressSteps(table, threshold, order).at(-1);
  if (pattern === undefined) throw new Error('no suppression step at or below the target');
  return pattern;
}

/**
 * Every link of the chain {@link suppressAtStep} builds, lowest step first: the patterns at each step
 * up to `threshold` (raised to its step), each nested in the one before. The passes are the same as
 * for the last link alone, so whoever needs the lower steps too (a store of protected tables) gets them
 * for nothing; each equals `suppressAtStep(table, step, order)`. For a threshold of 1, the one
 * pattern that withholds nothing.
 *
 * @example
 * suppressSteps(table, 10).map((s) => s.threshold) // [3, 5, 10]
 */
export function suppressSteps(table: Table, threshold: number, order?: readonly number[]): Suppression[] {
  const target = thresholdStep(threshold);
  const options = order === undefined ? {} : { order };
  if (target === NO_SUPPRESSION_THRESHOLD) return [suppress(table, target, options)];
  const chain: Suppression[] = [];
  for (const step of SUPPRESSION_STEPS) {
    if (step > target) break;
    const base = chain.at(-1);
    chain.push(suppress(table, step, { ...(base === undefined ? {} : { base }), ...options }));
  }
  return chain;
}
