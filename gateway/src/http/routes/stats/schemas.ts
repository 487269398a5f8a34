import { z } from '@hono/zod-openapi';
import { PERIOD_GRAINS } from '@need2know/stats';
import { STATS_TABLES } from '../../../services/stats/catalogue.js';

export const TableName = z.enum(STATS_TABLES).openapi({ example: 'crime' });

const WEEK = /^\d{4}-W\d{2}$/;

/** Query parameters of a statistics request, as they arrive (validated for shape only; `resolveQuery` checks them against the table). */
export const StatsQuerySchema = z.object({
  level: z.enum(['province', 'district', 'commune']).optional().openapi({ description: 'Place level of the detailed rows (crime, health); default province' }),
  period: z.enum(PERIOD_GRAINS).optional().openapi({ description: 'Grain of the calendar (crime, discipline); default month' }),
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Calendar year (crime, discipline)', example: 2025 }),
  from: z.string().regex(WEEK).optional().openapi({ description: 'First ISO week (health)', example: '2026-W10' }),
  to: z.string().regex(WEEK).optional().openapi({ description: 'Last ISO week (health)', example: '2026-W22' }),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .openapi({ description: 'Return only this province and the places in it (the table is protected as a whole either way)' }),
  protection: z
    .enum(['suppression', 'dp'])
    .optional()
    .openapi({ description: 'Small-cell suppression, or differential privacy (spends privacy budget); default the first the grant or tier allows' }),
  epsilon: z
    .string()
    .regex(/^\d+(\.\d{1,6})?$/)
    .optional()
    .openapi({ description: 'ε for a differentially private release (at most the grant’s per-release ε)', example: '0.5' }),
  bound: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .optional()
    .openapi({ description: 'Most records one person may contribute to a differentially private release; default 2' }),
  threshold: z.coerce.number().int().min(1).max(1000).optional().openapi({
    description:
      'Smallest count published: fixed by the grant or the public tier (raised to its step); naming any other threshold is refused, so every consumer gets one protected release per table',
  }),
  format: z.enum(['json', 'csv']).default('json'),
  shape: z
    .enum(['cells', 'series'])
    .default('cells')
    .openapi({ description: '`series`: the counts a stacked bar chart needs (groups × periods for one place)' }),
});

const Dimension = z.object({
  name: z.string(),
  levels: z.array(z.string()),
  nodes: z.array(z.object({ code: z.string(), level: z.string(), parent: z.string().nullable() })),
});

const Protection = z.record(z.string(), z.unknown()).openapi({
  description:
    'How the release is protected. `suppression`: threshold, withheld, primary and secondary counts (withheld cells are null; zero is published). `dp`: mechanism, ε, contribution bound, levels measured, noise scale, and the budget left.',
  example: { method: 'suppression', threshold: 10, withheld: 14, primary: 9, secondary: 5 },
});

const Head = {
  release: z.string().openapi({ example: 'srl_8fQ2…' }),
  table: z.string(),
  title: z.string(),
  generated_at: z.string(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  protection: Protection,
};

export const ReleaseOut = z
  .object({
    ...Head,
    dimensions: z.array(Dimension),
    cells: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).openapi({
      description: 'Every cell of the table at every level: its code in each dimension (`all` for a total) and its count (null when withheld)',
      example: [{ criterion: '1', place: '12', period: '2025-03', count: 17 }],
    }),
  })
  .openapi('StatsRelease');

export const SeriesOut = z
  .object({
    ...Head,
    series: z.object({
      place: z.string().nullable(),
      group: z.string(),
      periods: z.array(z.string()),
      groups: z.array(z.object({ code: z.string(), counts: z.array(z.number().nullable()) })),
      totals: z.array(z.number().nullable()),
    }),
  })
  .openapi('StatsSeries', { description: 'What a stacked bar chart needs: one stack per category, one bar per period, for one place' });

export const TableList = z
  .object({
    tables: z.array(
      z.object({
        table: TableName,
        title: z.string(),
        description: z.string(),
        dimensions: z.array(z.string()),
        public: z.object({ enabled: z.boolean(), threshold: z.number(), methods: z.array(z.string()) }),
      }),
    ),
  })
  .openapi('StatsTables');

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } });

/** Problem responses of the statistics routes. */
export const statsProblems = {
  400: problem('Parameters that do not fit the table (`validation_failed`)'),
  401: problem('Missing, invalid or revoked token, or the statistics grant is no longer live (`invalid_token`, `invalid_dpop_proof`)'),
  403: problem('Table, protection or ε not granted (`insufficient_scope`); privacy budget spent (`privacy_budget_exhausted`)'),
  404: problem('No such table, or its public tier is off (`not_found`)'),
  503: problem('The table is being protected for new data by another request that outlasted the wait; retry after `Retry-After` seconds (`stats_busy`)'),
} as const;

/** The answer of a release route: JSON (cells or series) or CSV. */
export const releaseResponses = {
  200: {
    description: 'The protected table',
    content: {
      'application/json': { schema: z.union([ReleaseOut, SeriesOut]) },
      'text/csv': { schema: z.string().openapi({ description: 'One row per cell: code and level of each dimension, count (empty when withheld), status' }) },
    },
  },
  ...statsProblems,
} as const;
