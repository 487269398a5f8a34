import { noisyTable } from './dp/noisy-table.js';
import type { RandomSource } from './dp/random.js';
import { checkCertificates } from './suppress/certificate.js';
import { suppress } from './suppress/suppress.js';
import type { Table } from './table/table.js';

/** How a table is protected before it leaves. */
export type Protection =
  | { readonly method: 'suppression'; readonly threshold: number }
  | { readonly method: 'dp'; readonly epsilonMicro: number; readonly bound: number; readonly random: RandomSource };

/** What was done to a released table, for its consumers and the audit log (integers only). */
export type ProtectionSummary =
  | { readonly method: 'suppression'; readonly threshold: number; readonly primary: number; readonly secondary: number }
  | { readonly method: 'dp'; readonly mechanism: 'discrete_laplace'; readonly epsilon_micro: number; readonly bound: number; readonly stages: number; readonly noise_scale_milli: number };

/** A table ready to publish: its values, the cells withheld (suppression only) and what was done. */
export interface Release {
  readonly table: Table;
  readonly withheld: Uint8Array | null;
  readonly summary: ProtectionSummary;
}

/**
 * Protects an exact table for release. Suppression checks its own proof again before anything leaves
 * (a pattern whose certificates do not check is an error, never a release). For `dp`, the exact
 * table must already be tabulated from bounded contributions (`boundContributions`).
 */
export function protect(exact: Table, protection: Protection): Release {
  if (protection.method === 'suppression') {
    const s = suppress(exact, protection.threshold);
    const problems = checkCertificates(exact, s.suppressed, s.primary, s.certificates);
    if (problems.length > 0) throw new Error(`suppression pattern failed its own check (${problems.length} problems, first ${problems[0]?.problem})`);
    return { table: exact, withheld: s.suppressed, summary: { method: 'suppression', threshold: s.threshold, primary: s.primaryCount, secondary: s.secondaryCount } };
  }
  const noisy = noisyTable(exact, protection.epsilonMicro, protection.bound, protection.random);
  return {
    table: noisy.table,
    withheld: null,
    summary: { method: 'dp', mechanism: 'discrete_laplace', epsilon_micro: protection.epsilonMicro, bound: protection.bound, stages: noisy.stages, noise_scale_milli: Math.round(noisy.noiseScale * 1000) },
  };
}
