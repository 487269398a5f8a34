import { DEFAULT_CONTRIBUTION_BOUND, PUBLIC_MIN_THRESHOLD } from '@need2know/stats';
import type { StatsQuery } from './query.js';

/** The protections a release may use. */
export const PROTECTION_METHODS = ['suppression', 'dp'] as const;
export type ProtectionMethod = (typeof PROTECTION_METHODS)[number];

/** What a consumer may get from one table: the smallest count published, the protections, the largest ε per release. */
export interface TableAccess {
  readonly threshold: number;
  readonly methods: readonly ProtectionMethod[];
  readonly maxEpsilonMicro: number;
}

/** How one release will be protected. */
export type ChosenProtection = { readonly method: 'suppression'; readonly threshold: number } | { readonly method: 'dp'; readonly epsilonMicro: number; readonly bound: number };

/** Why a request asks for more than was granted. */
export type ProtectionRefusal = { readonly ok: false; readonly reason: 'method_not_granted' | 'epsilon_not_granted' };

/**
 * The protection of one release: what was asked for, never weaker than what was granted. A higher
 * threshold than granted is honoured; a lower one is not asked for (the query refuses it); ε above
 * the grant's per-release ε, or a method not granted, is refused.
 */
export function chooseProtection(access: TableAccess, q: StatsQuery): { ok: true; protection: ChosenProtection } | ProtectionRefusal {
  const method = q.protection ?? access.methods[0];
  if (method === undefined || !access.methods.includes(method)) return { ok: false, reason: 'method_not_granted' };
  if (method === 'suppression') return { ok: true, protection: { method, threshold: Math.max(access.threshold, q.threshold ?? 0) } };
  const epsilonMicro = q.epsilonMicro ?? access.maxEpsilonMicro;
  if (epsilonMicro <= 0 || epsilonMicro > access.maxEpsilonMicro) return { ok: false, reason: 'epsilon_not_granted' };
  return { ok: true, protection: { method, epsilonMicro, bound: q.bound ?? DEFAULT_CONTRIBUTION_BOUND } };
}

/** The public tier of a table. */
export interface PublicSetting extends TableAccess {
  readonly table: string;
  readonly enabled: boolean;
  readonly budgetMicro: number;
}

/**
 * What in `proposed` lets more out than `current`: turning the tier on, a lower threshold, a new
 * method, a larger ε per release or a larger budget. Empty means the change only narrows (or keeps).
 */
export function publicWidenings(current: PublicSetting, proposed: Omit<PublicSetting, 'table'>): string[] {
  const out: string[] = [];
  if (proposed.enabled && !current.enabled) out.push('enable');
  if (proposed.threshold < current.threshold) out.push('lower_threshold');
  for (const m of proposed.methods) if (!current.methods.includes(m)) out.push(`add_method:${m}`);
  if (proposed.maxEpsilonMicro > current.maxEpsilonMicro) out.push('raise_max_epsilon');
  if (proposed.budgetMicro > current.budgetMicro) out.push('raise_budget');
  return out;
}

/** Problems with a public setting: the public never gets counts below the floor, nor ε without a budget. */
export function publicSettingIssues(s: Omit<PublicSetting, 'table'>): Array<{ path: string; code: string; message: string }> {
  const issues: Array<{ path: string; code: string; message: string }> = [];
  if (s.threshold < PUBLIC_MIN_THRESHOLD) issues.push({ path: 'threshold', code: 'below_public_floor', message: `the public threshold is at least ${PUBLIC_MIN_THRESHOLD}` });
  if (s.methods.length === 0) issues.push({ path: 'methods', code: 'empty', message: 'at least one protection' });
  if (s.methods.includes('dp') && (s.maxEpsilonMicro <= 0 || s.budgetMicro < s.maxEpsilonMicro)) issues.push({ path: 'budget', code: 'budget_too_small', message: 'differential privacy needs ε per release and a budget of at least that' });
  return issues;
}
