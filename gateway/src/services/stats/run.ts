import { canonicalJson } from '@need2know/schema';
import { cryptoRandom, formatEpsilon, protect, StatsError, type Release, type Table } from '@need2know/stats';
import { Problem } from '../../platform/errors/problem.js';
import { sha256b64url, sha256hex } from '../../platform/lib/digest.js';
import { newId } from '../../platform/lib/random.js';
import { recordStatsRelease } from './audit.js';
import { exactTable } from './build.js';
import type { StatsTableDef } from './catalogue.js';
import { DP_REUSE_SECONDS, MAX_STORED_RELEASE_BYTES, PUBLIC_CONSUMER, PUBLIC_REUSE_SECONDS } from './config.js';
import { releaseDocument, type ReleaseDocument } from './document.js';
import { chooseProtection, type ChosenProtection, type TableAccess } from '@need2know/policy';
import { suppressedRelease } from './protected.js';
import { tableParameters, type StatsQuery } from './query.js';
import type { Stores } from '../../store/ports/index.js';

/** Who receives a release: the public tier, an agency under a statistics grant, or a privacy officer previewing the public tier. */
export type StatsConsumer =
  | { readonly kind: 'public' }
  | { readonly kind: 'agency'; readonly agencyId: string; readonly clientId: string; readonly purpose: string; readonly grantId: string }
  | { readonly kind: 'officer'; readonly clientId: string };

/** Purpose under which officers' previews are logged. */
export const PREVIEW_PURPOSE = 'preview';

/** The ledger and register keys of a consumer: an agency and its purpose, or the public per table. */
function ledgerKey(consumer: StatsConsumer, table: string): { consumer: string; purpose: string } {
  switch (consumer.kind) {
    case 'public':
      return { consumer: PUBLIC_CONSUMER, purpose: `public:${table}` };
    case 'agency':
      return { consumer: consumer.agencyId, purpose: consumer.purpose };
    case 'officer':
      return { consumer: `officer:${consumer.clientId}`, purpose: PREVIEW_PURPOSE };
  }
}

/** How the protection is described on the wire (integers and decimal strings only). */
function protectionOut(release: Release, budget: { spent: number; limit: number } | null): Record<string, unknown> {
  const s = release.summary;
  if (s.method === 'suppression') {
    const withheld = release.withheld?.reduce((n, x) => n + x, 0) ?? 0;
    return { method: 'suppression', threshold: s.threshold, withheld, primary: s.primary, secondary: s.secondary };
  }
  return {
    method: 'dp',
    mechanism: s.mechanism,
    epsilon: formatEpsilon(s.epsilon_micro),
    bound: s.bound,
    stages: s.stages,
    noise_scale: (s.noise_scale_milli / 1000).toFixed(3),
    ...(budget === null
      ? {}
      : {
          budget: {
            spent: formatEpsilon(budget.spent),
            limit: formatEpsilon(budget.limit),
            remaining: formatEpsilon(Math.max(0, budget.limit - budget.spent)),
          },
        }),
  };
}

/**
 * One release, end to end: the protection is chosen within what was granted; a repeat of a kept
 * release is answered from the register; otherwise, for differential privacy, the exact table is
 * counted from the records' facets, the ε is spent from the ledger (refused, with nothing released,
 * when it would go over the budget) and noise is added; for suppression, the release is cut from the
 * protected finest table of its kind and year (kept until the data change, see `protected.ts`). The
 * release is written to the audit log and the register, and only then returned.
 */
export async function releaseTable(
  stores: Pick<Stores, 'stats' | 'auditLog'>,
  opts: { consumer: StatsConsumer; def: StatsTableDef; query: StatsQuery; access: TableAccess; budgetMicro: number; now: number },
): Promise<ReleaseDocument> {
  const { consumer, def, query, access, now } = opts;
  const choice = chooseProtection(access, query);
  if (!choice.ok && choice.reason === 'threshold_fixed') {
    throw new Problem(400, 'validation_failed', `This table is published at threshold ${choice.threshold} only.`, {
      issues: [{ path: 'threshold', code: 'fixed_by_grant', message: `the threshold is set by the grant or the public tier: ${choice.threshold}` }],
    });
  }
  if (!choice.ok)
    throw new Problem(
      403,
      'insufficient_scope',
      choice.reason === 'method_not_granted' ? 'This protection is not granted for this table.' : 'This ε is more than one release may spend.',
    );
  const chosen: ChosenProtection = choice.protection;
  const key = ledgerKey(consumer, def.name);
  const parameters = tableParameters(query);
  const paramsHash = await sha256hex(canonicalJson({ table: def.name, parameters, protection: chosen }));
  const reuseFor = consumer.kind === 'public' ? PUBLIC_REUSE_SECONDS : chosen.method === 'dp' ? DP_REUSE_SECONDS : 0;
  if (reuseFor > 0) {
    const kept = await stores.stats.reusableRelease(key.consumer, key.purpose, paramsHash, now - reuseFor);
    if (kept?.body != null) return JSON.parse(kept.body) as ReleaseDocument;
  }

  const id = newId('srl');
  let exact: Table | null = null;
  try {
    if (chosen.method === 'dp') exact = await exactTable(stores, def, query, chosen);
  } catch (err) {
    throw tooLarge(err, 'dp');
  }
  let budget: { spent: number; limit: number } | null = null;
  if (chosen.method === 'dp') {
    const spend = await stores.stats.spend({
      id: newId('ssp'),
      ...key,
      table: def.name,
      epsilonMicro: chosen.epsilonMicro,
      limitMicro: opts.budgetMicro,
      releaseId: id,
      clientId: consumer.kind === 'public' ? null : consumer.clientId,
      at: now,
    });
    if (!spend.ok)
      throw new Problem(
        403,
        'privacy_budget_exhausted',
        `This release would spend ε ${formatEpsilon(chosen.epsilonMicro)}; ${formatEpsilon(Math.max(0, opts.budgetMicro - spend.spentMicro))} of the budget is left.`,
      );
    budget = { spent: spend.spentMicro, limit: opts.budgetMicro };
  }

  let release: Release;
  if (chosen.method === 'dp') {
    if (exact === null) throw new Error('a differentially private release needs its exact table');
    release = protect(exact, { ...chosen, random: cryptoRandom() });
  } else {
    // Cut from the protected finest table of the kind and year, kept until the data change (protected.ts).
    try {
      release = await suppressedRelease(stores, def, query, chosen.threshold, now);
    } catch (err) {
      throw tooLarge(err, 'suppression');
    }
  }
  const doc = releaseDocument({ id, def, at: now, parameters, protection: protectionOut(release, budget), release });
  const body = JSON.stringify(doc);
  const responseHash = await sha256b64url(canonicalJson(doc));
  const withheld = release.withheld?.reduce((n, x) => n + x, 0) ?? 0;
  const auditProtection: Record<string, string | number> = { ...release.summary };
  const logIndex = await recordStatsRelease(stores, {
    id,
    at: now,
    consumer: key.consumer,
    purpose: key.purpose,
    client: consumer.kind === 'public' ? null : consumer.clientId,
    grant: consumer.kind === 'agency' ? consumer.grantId : null,
    table: def.name,
    parameters,
    protection: auditProtection,
    cells: release.table.size,
    withheld,
    responseHash,
  });
  const keep = reuseFor > 0 && body.length <= MAX_STORED_RELEASE_BYTES;
  await stores.stats.recordRelease({
    id,
    consumer: key.consumer,
    purpose: key.purpose,
    grantId: consumer.kind === 'agency' ? consumer.grantId : null,
    clientId: consumer.kind === 'public' ? null : consumer.clientId,
    table: def.name,
    paramsHash,
    params: parameters,
    protection: auditProtection,
    cells: release.table.size,
    withheld,
    responseHash,
    body: keep ? body : null,
    logIndex,
    createdAt: now,
  });
  return doc;
}

/**
 * The problem for a table over the cell limit (any other error unchanged). A differentially private
 * table has the request's own grain, so a coarser level or period helps; a suppressed one is always
 * cut from the finest table of its kind (every place of the place list by every period of the year),
 * so no coarser request is smaller: only differential privacy, where granted, or a shorter place list.
 */
function tooLarge(err: unknown, method: 'suppression' | 'dp'): unknown {
  if (!(err instanceof StatsError)) return err;
  const code = err.code === 'ERR_TABLE_TOO_LARGE' ? 'too_many_cells' : 'invalid';
  if (method === 'dp')
    return new Problem(400, 'validation_failed', 'The table asked for is too large; choose a coarser level or period.', {
      issues: [{ path: 'level', code, message: err.message }],
    });
  return new Problem(
    400,
    'validation_failed',
    'The table cannot be protected: every suppressed release is cut from the finest table of its kind and year, which is over the cell limit, so a coarser level or period does not help. Ask for differential privacy where it is granted, or ask a privacy officer to check the place list.',
    { issues: [{ path: 'protection', code, message: err.message }] },
  );
}
