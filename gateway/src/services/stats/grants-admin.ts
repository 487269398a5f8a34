import { MAX_EPSILON_MICRO } from '@need2know/stats';
import { MAX_WINDOW_SECONDS, thresholdIssue, type ProtectionMethod, type TableAccess } from '@need2know/policy';
import { Problem } from '../../platform/errors/problem.js';
import { newId } from '../../platform/lib/random.js';
import type { StatsGrant, Stores } from '../../store/ports/index.js';
import { grantPayload, openStatsRequest, revokeStatsGrant } from './changes.js';
import { epsilons, MAX_BUDGET_MICRO, type EpsilonInput } from './epsilon.js';

export type { StatsGrant } from '../../store/ports/index.js';

/** A statistics grant with the ε its agency has spent under its purpose (millionths). */
export interface StatsGrantWithSpend {
  readonly grant: StatsGrant;
  readonly spentMicro: number;
}

/** An officer's ask for a statistics grant, as parsed from the request (ε still as written). */
export interface StatsGrantAsk {
  readonly agencyId: string;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly tables: Readonly<
    Record<string, { readonly threshold: number; readonly methods: readonly ProtectionMethod[]; readonly maxEpsilon: EpsilonInput } | undefined>
  >;
  readonly epsilonBudget: EpsilonInput;
  readonly notBefore: number;
  readonly notAfter: number;
}

const withSpend = async (stores: Pick<Stores, 'stats'>, grant: StatsGrant): Promise<StatsGrantWithSpend> => ({
  grant,
  spentMicro: await stores.stats.spentMicro(grant.agencyId, grant.purpose),
});

/** Every statistics grant, newest first, with what each has spent. */
export async function statsGrantsWithSpend(stores: Pick<Stores, 'stats'>): Promise<StatsGrantWithSpend[]> {
  return Promise.all((await stores.stats.listGrants()).map((g) => withSpend(stores, g)));
}

/**
 * Asks for a statistics grant: checks it (ε within bounds, a window that ends after it starts, within
 * five years and not already over, a known agency, thresholds on their steps, differential privacy
 * only with ε within the budget, at least one table) and opens a request a second officer must
 * approve. Throws {@link Problem} `validation_failed` with every issue, or 409 when one is already open.
 */
export async function askForStatsGrant(
  stores: Pick<Stores, 'registry' | 'changes'>,
  ask: StatsGrantAsk,
  actor: string,
  reason: string,
  now: number,
): Promise<{ request: string; grantId: string }> {
  const fields: Record<string, { value: EpsilonInput; max: number }> = { epsilon_budget: { value: ask.epsilonBudget, max: MAX_BUDGET_MICRO } };
  const asked = Object.entries(ask.tables).flatMap(([t, a]) => (a === undefined ? [] : [[t, a] as const]));
  for (const [t, a] of asked) fields[`tables.${t}.max_epsilon`] = { value: a.maxEpsilon, max: MAX_EPSILON_MICRO };
  const { values, issues } = epsilons(fields);
  const { notBefore, notAfter } = ask;
  if (!(notAfter > notBefore) || notAfter - notBefore > MAX_WINDOW_SECONDS)
    issues.push({ path: 'not_after', code: 'invalid_window', message: 'after not_before, within five years' });
  if (notAfter <= now) issues.push({ path: 'not_after', code: 'in_the_past', message: 'the window has already ended' });
  if ((await stores.registry.getAgency(ask.agencyId)) === null) issues.push({ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' });
  const accesses: Record<string, TableAccess> = {};
  for (const [t, a] of asked) {
    const maxEpsilonMicro = values[`tables.${t}.max_epsilon`] ?? 0;
    accesses[t] = { threshold: a.threshold, methods: [...new Set(a.methods)], maxEpsilonMicro };
    const step = thresholdIssue(a.threshold, `tables.${t}.threshold`);
    if (step !== undefined) issues.push(step);
    if (a.methods.includes('dp') && (maxEpsilonMicro <= 0 || maxEpsilonMicro > (values.epsilon_budget ?? 0))) {
      issues.push({ path: `tables.${t}.max_epsilon`, code: 'budget_too_small', message: 'differential privacy needs ε per release, within the budget' });
    }
  }
  if (Object.keys(accesses).length === 0) issues.push({ path: 'tables', code: 'empty', message: 'at least one table' });
  if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The grant is not valid.', { issues });
  const grantId = newId('sgr');
  const payload = grantPayload({
    id: grantId,
    agencyId: ask.agencyId,
    purpose: ask.purpose,
    legalBasis: ask.legalBasis,
    tables: accesses,
    epsilonBudgetMicro: values.epsilon_budget ?? 0,
    notBefore,
    notAfter,
    requestedBy: actor,
  });
  const request = await openStatsRequest(stores, 'grant.create', grantId, payload, actor, reason, now);
  return { request, grantId };
}

/** Revokes statistics grant `id` at once (one officer suffices: it narrows). Throws {@link Problem} 404, 409. */
export async function revokeStatsGrantNow(
  stores: Pick<Stores, 'stats' | 'changes'>,
  id: string,
  actor: string,
  reason: string,
  now: number,
): Promise<StatsGrantWithSpend> {
  const grant = await stores.stats.getGrant(id);
  if (grant === null) throw new Problem(404, 'not_found');
  await revokeStatsGrant(stores, grant, actor, reason, now);
  const after = await stores.stats.getGrant(grant.id);
  if (after === null) throw new Problem(404, 'not_found');
  return withSpend(stores, after);
}
