import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RECORD_TYPES } from '@need2know/schema';
import type { AppEnv } from '../../app-env.js';
import { MAX_INGEST_BATCH, MAX_INGEST_BODY_BYTES } from '../../../platform/config.js';
import { Problem } from '../../../platform/errors/problem.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { routeBodyLimit } from '../../middleware/body-limits.js';
import { ingestRecords } from '../../../services/records/ingest.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

const RecordBody = z
  .looseObject({ id: z.string() })
  .openapi('IngestRecord', { description: 'A record of the type: `id` and its declared fields (see the record type).' });
const Body = z.union([RecordBody, z.object({ records: z.array(RecordBody).min(1).max(MAX_INGEST_BATCH) }).strict()]).openapi('IngestBody');
const Outcome = z.object({ id: z.string(), version: z.number(), outcome: z.enum(['created', 'updated', 'unchanged']) });
const Result = z
  .object({ type: z.string(), received: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), results: z.array(Outcome) })
  .openapi('IngestResult');

const ingest = createRoute({
  method: 'post',
  path: '/ingest/{type}',
  tags: ['ingest'],
  summary: 'Ingest one record or a batch: validated, sealed field by field, all or nothing; idempotent by id',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest'), routeBodyLimit(MAX_INGEST_BODY_BYTES)] as const,
  request: {
    params: z.object({ type: z.enum(Object.keys(RECORD_TYPES) as [string, ...string[]]) }),
    body: { required: true, content: { 'application/json': { schema: Body } } },
  },
  responses: {
    200: jsonOk(Result, 'Stored (or unchanged)'),
    422: {
      description: 'Invalid records, with a per-record report; nothing stored',
      content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
    },
    413: { description: 'Body too large', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
    ...adminProblems,
  },
});

/** `POST /v1/ingest/{type}`: data owners push records in. */
export const ingestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(ingest, async (c) => {
  const { type } = c.req.valid('param');
  const access = c.var.access;
  if (!access.recordIngest.record_types.includes(type)) {
    throw new Problem(403, 'insufficient_scope', 'This token does not allow ingesting this record type.');
  }
  const body = c.req.valid('json');
  const bodies: unknown[] = 'records' in body && Array.isArray(body.records) ? body.records : [body];
  // Logged before any version becomes readable (see ingestRecords).
  const results = await ingestRecords({ ...c.var.stores, rootSecret: c.env.N2K_ROOT_SECRET }, c.env, {
    owner: access.agencyId,
    clientId: access.clientId,
    type,
    bodies,
    now: c.var.now,
  });
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return c.json({ type, received: bodies.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), results }, 200);
});
