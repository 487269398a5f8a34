import { DEFAULT_CONTRIBUTION_BOUND, NO_SUPPRESSION_THRESHOLD, PUBLIC_MIN_THRESHOLD, SUPPRESSION_STEPS, thresholdStep } from '@need2know/stats';

/** The protections a release may use. */
export const PROTECTION_METHODS = ['suppression', 'dp'] as const;
export type ProtectionMethod = (typeof PROTECTION_METHODS)[number];

/** What a consumer may get from one table: the smallest count published, the protections, the largest ε per release. */
export interface TableAccess {
  readonly threshold: number;
  readonly methods: readonly ProtectionMethod[];
  readonly maxEpsilonMicro: number;
}

/** What a statistics request asks for its protection (from the parsed query); null or absent: the grant's default. */
export interface ProtectionAsked {
  readonly protection?: ProtectionMethod | null;
  readonly threshold: number | null;
  readonly epsilonMicro: number | null;
  readonly bound: number | null;
}

/** How one release will be protected. */
export type ChosenProtection =
  | { readonly method: 'suppression'; readonly threshold: number }
  | { readonly method: 'dp'; readonly epsilonMicro: number; readonly bound: number };

/** Why a request asks for more than was granted, or for another release than the one it may have. */
export type ProtectionRefusal = {
  readonly ok: false;
  readonly reason: 'method_not_granted' | 'epsilon_not_granted' | 'threshold_fixed';
  readonly threshold?: number;
};

/**
 * The suppression threshold of a table for a consumer: the grant's (or the public tier's), raised to
 * its step (`thresholdStep`). It is fixed by the grant, never by the caller: each threshold is one
 * more differently protected release, and releases at different thresholds are what a consumer would
 * difference. Steps nest, so the releases of two grants, or of a grant and the public tier, together
 * show no more than the lower one.
 */
export function grantedThreshold(access: TableAccess): number {
  return thresholdStep(access.threshold);
}

/**
 * The protection of one release: the method asked for among those granted, never weaker than granted.
 * Suppression is at the granted threshold only: a request naming any other threshold, lower or
 * higher, is refused (naming the granted one is allowed). ε above the grant's per-release ε, or a
 * method not granted, is refused.
 */
export function chooseProtection(access: TableAccess, q: ProtectionAsked): { ok: true; protection: ChosenProtection } | ProtectionRefusal {
  const method = q.protection ?? access.methods[0];
  if (method === undefined || !access.methods.includes(method)) return { ok: false, reason: 'method_not_granted' };
  if (method === 'suppression') {
    const threshold = grantedThreshold(access);
    if (q.threshold !== null && q.threshold !== threshold) return { ok: false, reason: 'threshold_fixed', threshold };
    return { ok: true, protection: { method, threshold } };
  }
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

/**
 * The problem with a threshold an officer sets, or undefined: it must be 1 (exact counts) or one of the
 * steps suppression is computed at, so that what is granted is what is released.
 */
export function thresholdIssue(threshold: number, path: string): { path: string; code: string; message: string } | undefined {
  if (threshold === NO_SUPPRESSION_THRESHOLD || (SUPPRESSION_STEPS as readonly number[]).includes(threshold)) return undefined;
  return { path, code: 'not_a_step', message: `a threshold is 1 (exact counts) or one of ${SUPPRESSION_STEPS.join(', ')}` };
}

/** Problems with a public setting: the public never gets counts below the floor, nor ε without a budget. */
export function publicSettingIssues(s: Omit<PublicSetting, 'table'>): Array<{ path: string; code: string; message: string }> {
  const issues: Array<{ path: string; code: string; message: string }> = [];
  if (s.threshold < PUBLIC_MIN_THRESHOLD)
    issues.push({ path: 'threshold', code: 'below_public_floor', message: `the public threshold is at least ${PUBLIC_MIN_THRESHOLD}` });
  else {
    const step = thresholdIssue(s.threshold, 'threshold');
    if (step !== undefined) issues.push(step);
  }
  if (s.methods.length === 0) issues.push({ path: 'methods', code: 'empty', message: 'at least one protection' });
  if (s.methods.includes('dp') && (s.maxEpsilonMicro <= 0 || s.budgetMicro < s.maxEpsilonMicro))
    issues.push({ path: 'budget', code: 'budget_too_small', message: 'differential privacy needs ε per release and a budget of at least that' });
  return issues;
}
