import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import { STATS_TABLE_DEFS, STATS_TABLES, type StatsTableDef, type StatsTableName } from './catalogue.js';
import type { ReleaseDocument } from './document.js';
import { statsGrantInForce } from './grant-in-force.js';
import { resolveQuery, type StatsQuery, type StatsQueryInput } from './query.js';
import { releaseTable } from './run.js';

/** A release ready to present: the document, its table and the query it answers (for slicing and formatting). */
export interface PresentableRelease {
  readonly doc: ReleaseDocument;
  readonly def: StatsTableDef;
  readonly query: StatsQuery;
}

/** A table as anyone may see it listed: its dimensions and whether its public tier is open. */
export interface ListedTable {
  readonly table: StatsTableName;
  readonly title: string;
  readonly description: string;
  readonly dimensions: string[];
  readonly public: { readonly enabled: boolean; readonly threshold: number; readonly methods: string[] };
}

/** The query checked against the table's definition, or 400 `validation_failed` with its issues. */
function resolved(def: StatsTableDef, input: StatsQueryInput): StatsQuery {
  const r = resolveQuery(def, input);
  if (!r.ok) throw new Problem(400, 'validation_failed', 'The parameters do not fit this table.', { issues: r.issues });
  return r.query;
}

/** Every statistical table, with its public tier (off, threshold 0, when it has none). */
export async function listedTables(stores: Pick<Stores, 'stats'>): Promise<ListedTable[]> {
  const settings = new Map((await stores.stats.listPublicSettings()).map((s) => [s.table, s]));
  return STATS_TABLES.map((name) => {
    const def = STATS_TABLE_DEFS[name];
    const s = settings.get(name);
    return {
      table: name,
      title: def.title,
      description: def.description,
      dimensions: def.dimensions.map((d) => d.name),
      public: { enabled: s?.enabled ?? false, threshold: s?.threshold ?? 0, methods: [...(s?.methods ?? [])] },
    };
  });
}

/**
 * A release of `table` to anyone, once its public tier is open, protected as the tier says. The tier's
 * ε and bound are its own: letting callers vary them would let anyone spend the public budget by asking
 * the same question many slightly different ways. Throws {@link Problem} 404 (not published) or 400.
 */
export async function releaseToPublic(
  stores: Pick<Stores, 'stats' | 'auditLog'>,
  table: StatsTableName,
  input: StatsQueryInput,
  now: number,
): Promise<PresentableRelease> {
  const def = STATS_TABLE_DEFS[table];
  const setting = await stores.stats.getPublicSetting(table);
  if (setting === null || !setting.enabled) throw new Problem(404, 'not_found', 'This table is not published.');
  if (input.epsilon !== undefined || input.bound !== undefined) {
    throw new Problem(400, 'validation_failed', 'The public tier sets ε and the bound itself.', {
      issues: [{ path: input.epsilon === undefined ? 'bound' : 'epsilon', code: 'not_applicable', message: 'set by the public tier' }],
    });
  }
  const query = resolved(def, input);
  const doc = await releaseTable(stores, { consumer: { kind: 'public' }, def, query, access: setting, budgetMicro: setting.budgetMicro, now });
  return { doc, def, query };
}

/** Who asks under a statistics grant: the grant their token names, their agency and client. */
export interface GrantHolder {
  readonly grantId: string;
  readonly agencyId: string;
  readonly clientId: string;
}

/**
 * A release of `table` to an agency under its statistics grant as it stands now (revoking or
 * suspending it takes effect at once): protected at the threshold, and with the protections and ε,
 * the grant allows; differential privacy spends from the agency's budget for the purpose. Throws
 * {@link Problem} 401 `invalid_token` (the grant is not in force for the agency), 403 (the grant no
 * longer opens the table) or 400.
 */
export async function releaseUnderGrant(
  stores: Pick<Stores, 'stats' | 'auditLog'>,
  holder: GrantHolder,
  table: StatsTableName,
  input: StatsQueryInput,
  now: number,
): Promise<PresentableRelease> {
  const grant = await statsGrantInForce(stores, holder.grantId, holder.agencyId, now);
  if (grant === null) throw new Problem(401, 'invalid_token');
  const access = grant.tables[table];
  if (access === undefined) throw new Problem(403, 'insufficient_scope', 'The grant no longer opens this table.');
  const def = STATS_TABLE_DEFS[table];
  const query = resolved(def, input);
  const consumer = { kind: 'agency' as const, agencyId: holder.agencyId, clientId: holder.clientId, purpose: grant.purpose, grantId: grant.id };
  const doc = await releaseTable(stores, { consumer, def, query, access, budgetMicro: grant.epsilonBudgetMicro, now });
  return { doc, def, query };
}

/**
 * What the public tier of `table` would publish (suppression at its threshold), whether or not it is
 * open: for an officer deciding, and for the console's charts. Logged like every release; spends no
 * budget. Throws {@link Problem} 404 or 400.
 */
export async function previewPublicTier(
  stores: Pick<Stores, 'stats' | 'auditLog'>,
  table: StatsTableName,
  input: StatsQueryInput,
  officerId: string,
  now: number,
): Promise<PresentableRelease> {
  const setting = await stores.stats.getPublicSetting(table);
  if (setting === null) throw new Problem(404, 'not_found');
  const def = STATS_TABLE_DEFS[table];
  const query = resolved(def, input);
  const access = { threshold: setting.threshold, methods: ['suppression' as const], maxEpsilonMicro: 0 };
  const doc = await releaseTable(stores, { consumer: { kind: 'officer', clientId: officerId }, def, query, access, budgetMicro: 0, now });
  return { doc, def, query };
}
