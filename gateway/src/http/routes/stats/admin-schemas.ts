import { z } from '@hono/zod-openapi';
import { formatEpsilon, NO_SUPPRESSION_THRESHOLD, PUBLIC_MIN_THRESHOLD } from '@need2know/stats';
import { PROTECTION_METHODS, type TableAccess } from '@need2know/policy';
import type { StatsGrant } from '../../../services/stats/grants-admin.js';
import type { StoredPublicSetting } from '../../../services/stats/public-tier-admin.js';
import type { StatsRequest } from '../../../services/stats/requests-admin.js';
import { DateTime, Slug } from '../admin/schemas.js';
import { approvalRequestOut, iso } from '../admin/serialize.js';
import { TableName } from './schemas.js';

/** ε as a decimal string or number with at most six decimals (checked and bounded by the service). */
const Epsilon = z.union([z.string().regex(/^\d+(\.\d{1,6})?$/), z.number().nonnegative()]).openapi({ example: '0.5' });
const Reason = z.string().trim().max(500).default('');

const Methods = z.array(z.enum(PROTECTION_METHODS)).min(1).max(PROTECTION_METHODS.length);

export const TableAccessIn = z
  .object({
    threshold: z
      .number()
      .int()
      .min(NO_SUPPRESSION_THRESHOLD)
      .max(1000)
      .openapi({ description: 'Smallest count published; 1 publishes exact counts (protection off)' }),
    methods: Methods,
    max_epsilon: Epsilon.default('0').openapi({ description: 'Largest ε one differentially private release may spend' }),
  })
  .strict();

export const StatsGrantCreate = z
  .object({
    agency_id: Slug,
    purpose: Slug.openapi({ example: 'outbreak-monitoring' }),
    legal_basis: z.string().trim().min(1).max(500),
    tables: z.partialRecord(TableName, TableAccessIn),
    epsilon_budget: Epsilon.default('0').openapi({ description: 'Total ε the agency may spend under this purpose, over all its releases' }),
    not_before: DateTime,
    not_after: DateTime,
    reason: Reason,
  })
  .strict()
  .openapi('StatsGrantCreate');

export const PublicSettingIn = z
  .object({
    enabled: z.boolean(),
    threshold: z.number().int().min(PUBLIC_MIN_THRESHOLD).max(1000),
    methods: Methods,
    max_epsilon: Epsilon.default('0'),
    budget: Epsilon.default('0'),
    reason: Reason,
  })
  .strict()
  .openapi('StatsPublicSettingChange');

const accessOut = (a: TableAccess) => ({ threshold: a.threshold, methods: [...a.methods], max_epsilon: formatEpsilon(a.maxEpsilonMicro) });

export const StatsGrantOut = z
  .object({
    id: z.string(),
    agency_id: z.string(),
    purpose: z.string(),
    legal_basis: z.string(),
    tables: z.record(z.string(), z.object({ threshold: z.number(), methods: z.array(z.string()), max_epsilon: z.string() })),
    epsilon_budget: z.string(),
    epsilon_spent: z.string(),
    not_before: z.string(),
    not_after: z.string(),
    status: z.string(),
    requested_by: z.string(),
    approved_by: z.string(),
    created_at: z.string(),
  })
  .openapi('StatsGrant');

export const statsGrantOut = (g: StatsGrant, spentMicro: number) => ({
  id: g.id,
  agency_id: g.agencyId,
  purpose: g.purpose,
  legal_basis: g.legalBasis,
  tables: Object.fromEntries(Object.entries(g.tables).map(([t, a]) => [t, accessOut(a)])),
  epsilon_budget: formatEpsilon(g.epsilonBudgetMicro),
  epsilon_spent: formatEpsilon(spentMicro),
  not_before: iso(g.notBefore),
  not_after: iso(g.notAfter),
  status: g.status,
  requested_by: g.requestedBy,
  approved_by: g.approvedBy,
  created_at: iso(g.createdAt),
});

export const PublicSettingOut = z
  .object({
    table: z.string(),
    enabled: z.boolean(),
    threshold: z.number(),
    methods: z.array(z.string()),
    max_epsilon: z.string(),
    budget: z.string(),
    spent: z.string(),
    updated_by: z.string(),
    updated_at: z.string(),
  })
  .openapi('StatsPublicSetting');

export const publicSettingOut = (s: StoredPublicSetting, spentMicro: number) => ({
  table: s.table,
  enabled: s.enabled,
  threshold: s.threshold,
  methods: [...s.methods],
  max_epsilon: formatEpsilon(s.maxEpsilonMicro),
  budget: formatEpsilon(s.budgetMicro),
  spent: formatEpsilon(spentMicro),
  updated_by: s.updatedBy,
  updated_at: iso(s.updatedAt),
});

export const StatsRequestOut = z
  .object({
    id: z.string(),
    kind: z.enum(['grant.create', 'public.update']),
    target_id: z.string(),
    payload: z.record(z.string(), z.unknown()),
    requested_by: z.string(),
    requested_at: z.string(),
    reason: z.string(),
    status: z.string(),
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
  })
  .openapi('StatsRequest');

export const statsRequestOut = (r: StatsRequest) => approvalRequestOut(r);
