import { createRoute, z } from '@hono/zod-openapi';
import { RECORD_TYPES } from '@need2know/schema';
import { disclosureLogPage } from '../../../services/oversight/disclosure-log.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';
import { DateTime, Slug } from './schemas.js';
import { iso } from './serialize.js';

/** Rows a page of the disclosure log holds by default and at most (the console pages, the CSV export walks the pages). */
export const DISCLOSURE_LOG_PAGE = { default: 50, max: 200 } as const;

/** The outcomes a disclosure entry records (packages/audit/FORMAT.md, `disclosure`). */
const OUTCOMES = ['disclosed', 'not_found', 'rate_limited', 'key_destroyed', 'reason_required', 'reason_invalid', 'media_too_large'] as const;
const CURSOR = /^(\d{1,12})\.([A-Za-z0-9_-]{1,64})$/;
const seconds = (datetime: string) => Math.floor(Date.parse(datetime) / 1000);

const DisclosureLogRow = z
  .object({
    id: z.string(),
    at: z.string(),
    client: z.string().openapi({ description: 'The officer or system that asked' }),
    agency: z.string(),
    purpose: z.string(),
    grant: z.string(),
    action: z.string(),
    record_type: z.string(),
    fields: z.record(z.string(), z.string()).openapi({ description: 'Field → disclosure mode applied' }),
    outcome: z.string(),
    log_index: z.number().int().nullable().openapi({ description: 'Where the entry stands in the audit log (GET /v1/audit/proofs/inclusion proves it)' }),
    persons: z.number().int().openapi({ description: 'How many persons the answer concerned (never which)' }),
  })
  .openapi('DisclosureLogRow');

const list = createRoute({
  method: 'get',
  path: '/disclosures',
  tags: ['admin'],
  summary:
    'Who saw what: the disclosure log, newest first, filtered by agency, officer or system, purpose, grant, record type, outcome and time, a page at a time; rows name no person (persons are never a filter)',
  security: adminSecurity,
  request: {
    query: z
      .object({
        agency_id: Slug.optional(),
        client_id: Slug.optional().openapi({ description: 'The officer or system that asked' }),
        purpose_id: Slug.optional(),
        grant_id: z
          .string()
          .regex(/^grt_[A-Za-z0-9_-]{16}$/)
          .optional(),
        record_type: z.enum(Object.keys(RECORD_TYPES) as [string, ...string[]]).optional(),
        outcome: z.enum(OUTCOMES).optional(),
        from: DateTime.optional().openapi({ description: 'From this instant (inclusive)' }),
        to: DateTime.optional().openapi({ description: 'Until this instant (exclusive)' }),
        limit: z.coerce.number().int().min(1).max(DISCLOSURE_LOG_PAGE.max).default(DISCLOSURE_LOG_PAGE.default),
        cursor: z.string().regex(CURSOR).optional().openapi({ description: 'The `next` of the previous page' }),
      })
      .strict(),
  },
  responses: {
    200: jsonOk(
      z
        .object({ disclosures: z.array(DisclosureLogRow), next: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last' }) })
        .openapi('DisclosureLogPage'),
      'A page of the log',
    ),
    ...adminProblems,
  },
});

export const disclosureLogRoutes = adminRouter().openapi(list, async (c) => {
  const q = c.req.valid('query');
  const cursor = q.cursor === undefined ? null : CURSOR.exec(q.cursor);
  const page = await disclosureLogPage(
    c.var.stores,
    {
      ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }),
      ...(q.client_id === undefined ? {} : { clientId: q.client_id }),
      ...(q.purpose_id === undefined ? {} : { purposeId: q.purpose_id }),
      ...(q.grant_id === undefined ? {} : { grantId: q.grant_id }),
      ...(q.record_type === undefined ? {} : { recordType: q.record_type }),
      ...(q.outcome === undefined ? {} : { outcome: q.outcome }),
      ...(q.from === undefined ? {} : { from: seconds(q.from) }),
      ...(q.to === undefined ? {} : { to: seconds(q.to) }),
    },
    cursor === null ? null : { at: Number(cursor[1]), id: cursor[2] ?? '' },
    q.limit,
  );
  return c.json(
    {
      disclosures: page.rows.map((r) => ({
        id: r.id,
        at: iso(r.at),
        client: r.clientId,
        agency: r.agencyId,
        purpose: r.purposeId,
        grant: r.grantId,
        action: r.action,
        record_type: r.recordType,
        fields: r.fields,
        outcome: r.outcome,
        log_index: r.logIndex,
        persons: r.persons,
      })),
      next: page.next === null ? null : `${page.next.at}.${page.next.id}`,
    },
    200,
  );
});
