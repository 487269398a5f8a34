import { noisyTable } from './dp/noisy-table.js';
import type { RandomSource } from './dp/random.js';
import { checkCertificates } from './suppress/certificate.js';
import { suppressSteps } from './suppress/steps.js';
import type { Suppression } from './suppress/suppress.js';
import { project, type DimensionCut } from './table/project.js';
import type { Table } from './table/table.js';

/** How a table is protected before it leaves. */
export type Protection =
  | { readonly method: 'suppression'; readonly threshold: number; readonly order?: readonly number[] }
  | { readonly method: 'dp'; readonly epsilonMicro: number; readonly bound: number; readonly random: RandomSource };

/** What was done to a released table, for its consumers and the audit log (integers only). */
export type ProtectionSummary =
  | { readonly method: 'suppression'; readonly threshold: number; readonly primary: number; readonly secondary: number }
  | {
      readonly method: 'dp';
      readonly mechanism: 'discrete_laplace';
      readonly epsilon_micro: number;
      readonly bound: number;
      readonly stages: number;
      readonly noise_scale_milli: number;
    };

/** A table ready to publish: its values, the cells withheld and which of them are small (suppression only), and what was done. */
export interface Release {
  readonly table: Table;
  readonly withheld: Uint8Array | null;
  readonly primary: Uint8Array | null;
  readonly summary: ProtectionSummary;
}

/**
 * Protects an exact table for release. Suppression runs at the threshold raised to its step
 * (`thresholdStep`), nested in the patterns of the lower steps, and checks its own proof again before
 * anything leaves (a pattern whose certificates do not check is an error, never a release). For
 * `dp`, the exact table must already be tabulated from bounded contributions (`boundContributions`).
 */
export function protect(exact: Table, protection: Protection): Release {
  if (protection.method === 'suppression') {
    const last = protectSteps(exact, protection.threshold, protection.order).at(-1);
    if (last === undefined) throw new Error('no suppression step at or below the threshold');
    return last;
  }
  const noisy = noisyTable(exact, protection.epsilonMicro, protection.bound, protection.random);
  return {
    table: noisy.table,
    withheld: null,
    primary: null,
    summary: {
      method: 'dp',
      mechanism: 'discrete_laplace',
      epsilon_micro: protection.epsilonMicro,
      bound: protection.bound,
      stages: noisy.stages,
      noise_scale_milli: Math.round(noisy.noiseScale * 1000),
    },
  };
}

/**
 * The suppressed releases of `exact` at every step up to `threshold` (raised to its step), lowest
 * first, each nested in the one before and each checked from scratch like {@link protect}'s: the
 * last is what `protect` returns for the threshold, and each is what it returns for that step. One
 * computation serves every step below, for a store that keeps them all.
 *
 * @example
 * protectSteps(table, 10).map((r) => r.summary.threshold) // [3, 5, 10]
 */
export function protectSteps(exact: Table, threshold: number, order?: readonly number[]): Release[] {
  return suppressSteps(exact, threshold, order).map((s) => checked(exact, s));
}

/** The release of pattern `s`, once its certificates check (a pattern that fails is an error, never a release). */
function checked(exact: Table, s: Suppression): Release {
  const problems = checkCertificates(exact, s.suppressed, s.primary, s.certificates);
  if (problems.length > 0) throw new Error(`suppression pattern failed its own check (${problems.length} problems, first ${problems[0]?.problem})`);
  return {
    table: exact,
    withheld: s.suppressed,
    primary: s.primary,
    summary: { method: 'suppression', threshold: s.threshold, primary: s.primaryCount, secondary: s.secondaryCount },
  };
}

/**
 * Part of a protected release (see `project`): coarser levels, fewer nodes, the same counts and the
 * same withheld cells. The way to publish a coarse table without a second, differently protected
 * one: protect the finest table once, and cut every coarser release from it.
 */
export function projectRelease(release: Release, cuts: readonly DimensionCut[]): Release {
  const { table, source } = project(release.table, cuts);
  const pick = (flags: Uint8Array | null) => (flags === null ? null : Uint8Array.from(source, (c) => flags[c] as number));
  const withheld = pick(release.withheld);
  const primary = pick(release.primary);
  const s = release.summary;
  if (s.method !== 'suppression' || withheld === null || primary === null) return { table, withheld, primary, summary: s };
  const primaryCount = primary.reduce((n, x) => n + x, 0);
  const withheldCount = withheld.reduce((n, x) => n + x, 0);
  return { table, withheld, primary, summary: { ...s, primary: primaryCount, secondary: withheldCount - primaryCount } };
}
