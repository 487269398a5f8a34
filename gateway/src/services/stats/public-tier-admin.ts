import { MAX_EPSILON_MICRO } from '@need2know/stats';
import { publicSettingIssues, publicWidenings, type ProtectionMethod } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores, StoredPublicSetting } from '../../store/ports/index.js';
import { applyPublicSetting, openStatsRequest, publicPayload } from './changes.js';
import { PUBLIC_CONSUMER } from './config.js';
import { epsilons, MAX_BUDGET_MICRO, type EpsilonInput } from './epsilon.js';

export type { StoredPublicSetting } from '../../store/ports/index.js';

/** A table's public tier with the ε the public has spent on it (millionths). */
export interface PublicTierWithSpend {
  readonly setting: StoredPublicSetting;
  readonly spentMicro: number;
}

/** A change to a public tier as asked (ε still as written). */
export interface PublicTierAsk {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly methods: readonly ProtectionMethod[];
  readonly maxEpsilon: EpsilonInput;
  readonly budget: EpsilonInput;
}

/** What became of a change: applied at once (it only narrows), or waiting for a second officer. */
export type PublicTierChange =
  | { readonly kind: 'applied'; readonly tier: PublicTierWithSpend }
  | { readonly kind: 'pending'; readonly request: string; readonly widenings: readonly string[] };

const withSpend = async (stores: Pick<Stores, 'stats'>, setting: StoredPublicSetting): Promise<PublicTierWithSpend> => ({
  setting,
  spentMicro: await stores.stats.spentMicro(PUBLIC_CONSUMER, `public:${setting.table}`),
});

/** The public tier of every table, with what each has spent. */
export async function publicTiersWithSpend(stores: Pick<Stores, 'stats'>): Promise<PublicTierWithSpend[]> {
  return Promise.all((await stores.stats.listPublicSettings()).map((s) => withSpend(stores, s)));
}

/**
 * Changes the public tier of `table`: narrowing applies at once; turning it on, lowering the
 * threshold, adding differential privacy or raising ε or the budget opens a request a second officer
 * must approve. Throws {@link Problem} 404, `validation_failed` (every issue), or 409.
 */
export async function changePublicTier(
  stores: Pick<Stores, 'stats' | 'changes'>,
  table: string,
  ask: PublicTierAsk,
  actor: string,
  reason: string,
  now: number,
): Promise<PublicTierChange> {
  const current = await stores.stats.getPublicSetting(table);
  if (current === null) throw new Problem(404, 'not_found');
  const { values, issues } = epsilons({ max_epsilon: { value: ask.maxEpsilon, max: MAX_EPSILON_MICRO }, budget: { value: ask.budget, max: MAX_BUDGET_MICRO } });
  const proposed = {
    enabled: ask.enabled,
    threshold: ask.threshold,
    methods: [...new Set(ask.methods)],
    maxEpsilonMicro: values.max_epsilon ?? 0,
    budgetMicro: values.budget ?? 0,
  };
  issues.push(...(issues.length === 0 ? publicSettingIssues(proposed) : []));
  if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The setting is not valid.', { issues });
  const widenings = publicWidenings(current, proposed);
  if (widenings.length > 0) {
    const request = await openStatsRequest(stores, 'public.update', table, publicPayload(current, proposed, widenings), actor, reason, now);
    return { kind: 'pending', request, widenings };
  }
  const next = await applyPublicSetting(stores, current, proposed, actor, reason, now);
  return { kind: 'applied', tier: await withSpend(stores, next) };
}
