import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RECORD_ID_PATTERN, recordType, RECORD_TYPES, type DisclosureMode } from '@need2know/schema';
import type { AppEnv } from '../../app-env.js';
import { ownerToday } from '../../../platform/env.js';
import type { GatewayEnv } from '../../../platform/env.js';
import type { RecordAccess } from '../../../services/access/access.js';
import { deliver, refuseNotFound } from '../../../services/access/deliver.js';
import { openNamedRecord } from '../../../services/access/named-record.js';
import { fieldsForDisclosure } from '../../../services/access/open-fields.js';
import { beginRecordRequest } from '../../../services/access/preamble.js';
import { subjectIds } from '../../../services/access/subjects.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';
import { minimiseRecord } from '@need2know/policy';
import { mayReleaseUnblurredMedia } from '@need2know/policy';
import { decideSearch, probeId, probesToCount } from '@need2know/policy';
import { hiddenFor } from '@need2know/policy';
import { Problem } from '../../../platform/errors/problem.js';
import { keyRing } from '../../../services/keys/key-ring.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { requireStatedReason } from '../../middleware/stated-reason.js';
import { StatedReasonHeaders, statedReasonProblem } from './stated-reason-headers.js';
import type { OpenedRecord } from '../../../services/records/read.js';
import { linkedPersonsFor } from '../../../services/records/linked-persons.js';
import { findByBlindIndex } from '../../../services/records/search.js';
import { rowScopeOf } from '../../../services/records/row-scope.js';
import { searchValues } from '../../../services/records/search-values.js';
import { adminProblems } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import { disclosureRequest, sealedAnswer } from './sealed-answer.js';
import { issuerOf, keyRingSourceOf, recordReaderOf, type Stores } from '../../../services/stores.js';

/** Most records one search returns. */
export const MAX_SEARCH_RESULTS = 20;

const TypeName = z.enum(Object.keys(RECORD_TYPES) as [string, ...string[]]);
const RecordId = z.string().regex(RECORD_ID_PATTERN);
const Delivery = z.object({ delivery: z.enum(['partner', 'viewer']).default('partner') });
const sealed = {
  description:
    "A sealed disclosure: compact JWE (ECDH-ES, A256GCM) to the client's encryption key, containing a JWT signed by the gateway (see /.well-known/jwks.json)",
  content: { [DISCLOSURE_MEDIA_TYPE]: { schema: z.string() } },
};
const problems = {
  ...adminProblems,
  400: statedReasonProblem,
  429: {
    description:
      "Rate limit (`rate_limited`), with Retry-After: `limit` names the grant's (`requests_per_minute`, `persons_per_hour`) or the caller's own (`officer_requests_per_minute`, `officer_persons_per_hour`)",
    content: { 'application/problem+json': { schema: z.object({ code: z.string(), limit: z.string(), retry_after: z.number() }) } },
  },
  410: {
    description: 'The viewer key for this window is destroyed (`key_destroyed`)',
    content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
  },
};

const fetchRoute = createRoute({
  method: 'get',
  path: '/records/{type}/{id}',
  tags: ['records'],
  summary: 'Fetch one record, minimised to what the purpose allows, sealed to the caller',
  description:
    'A record outside the grant (its record list or its row scope: places, dates, links), and a case marked sensitive unless two leadership officers approved the grant for sensitive cases, are answered exactly like a missing record (404).',
  security: [{ DPoP: [] }],
  middleware: [
    requireAccessToken('record_access', { namedRecord: (c) => ({ type: c.req.param('type') ?? '', id: c.req.param('id') ?? '' }), spendProofWithLog: true }),
    bindRequest,
    requireStatedReason('fetch', (c) => c.req.param('type') ?? ''),
  ] as const,
  request: { params: z.object({ type: TypeName, id: RecordId }), query: Delivery, headers: StatedReasonHeaders },
  responses: { 200: sealed, ...problems },
});

const SearchBody = z
  .object({
    search: z.string().max(64).openapi({ example: 'phone' }),
    terms: z.record(z.string().max(64), z.string().max(200)).openapi({ example: { phone: '012 345 678' } }),
    limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(10),
  })
  .strict()
  .openapi('SearchRequest');
const searchRoute = createRoute({
  method: 'post',
  path: '/records/{type}/search',
  tags: ['records'],
  summary: 'Search by a blind-indexed field (national ID, phone, name + date of birth); terms travel in the body, never the URL',
  description:
    'Only fields the purpose discloses in `clear` may be searched: a match reveals the value, so searching by a pseudonymised, masked, generalised or predicate field is refused (403 `search_not_permitted`) and changes nothing. ' +
    'A search that finds no one costs the identity it probed against the persons-per-hour limits. Records outside a case-specific grant or its row scope, and cases marked sensitive unless the grant was approved for them, are never candidates.',
  security: [{ DPoP: [] }],
  middleware: [
    requireAccessToken('record_access', { spendProofWithLog: true }),
    bindRequest,
    requireStatedReason('search', (c) => c.req.param('type') ?? ''),
  ] as const,
  request: {
    params: z.object({ type: TypeName }),
    query: Delivery,
    headers: StatedReasonHeaders,
    body: { required: true, content: { 'application/json': { schema: SearchBody } } },
  },
  responses: { 200: sealed, ...problems },
});

/** Minimises opened records for the caller. */
async function minimised(
  env: GatewayEnv,
  stores: Pick<Stores, 'records' | 'keyState'>,
  access: RecordAccess,
  now: number,
  type: string,
  records: readonly OpenedRecord[],
  fields: Record<string, DisclosureMode>,
) {
  const def = recordType(type);
  if (def === undefined) throw new Problem(404, 'not_found');
  const ring = await keyRing(keyRingSourceOf(env, stores));
  const today = ownerToday(env, now);
  const mediaUnblurred = mayReleaseUnblurredMedia(access.purpose, access.grant);
  // Only for a purpose that redacts a text field: the persons whose names and numbers it removes.
  const linkedPersons = await linkedPersonsFor(recordReaderOf(env, stores), def, records, fields);
  return records.map((r) =>
    minimiseRecord(def, { id: r.id, ...r.fields }, fields, {
      ring,
      agency: access.agencyId,
      today,
      mediaUnblurred,
      ...(linkedPersons === undefined ? {} : { linkedPersons }),
    }),
  );
}

/** `/v1/records/…`: fetch and search. */
export const recordRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(fetchRoute, async (c) => {
    const { type, id } = c.req.valid('param');
    const { access } = c.var;
    const req = beginRecordRequest(access, 'fetch', type);
    const def = recordType(type);
    if (def === undefined) throw new Problem(404, 'not_found');
    // The row was read with the caller's checks: nothing for a record outside the grant.
    const record = await openNamedRecord(recordReaderOf(c.env, c.var.stores), access, req, def, id);
    if (record === undefined) return refuseNotFound(c.var.stores, access, disclosureRequest(c), { action: 'fetch', recordType: type, purpose: req.purpose });
    const [out] = await minimised(c.env, c.var.stores, access, c.var.now, type, [record], req.fields);
    const delivered = await deliver(c.var.stores, issuerOf(c.env, c.var.stores), access, disclosureRequest(c), {
      action: 'fetch',
      recordType: type,
      payload: { records: [out] },
      subjectIds: subjectIds(type, { id, ...record.fields }),
      fields: req.fields,
      purpose: req.purpose,
      forViewer: c.req.valid('query').delivery === 'viewer',
    });
    return sealedAnswer(delivered);
  })
  .openapi(searchRoute, async (c) => {
    const { type } = c.req.valid('param');
    const body = c.req.valid('json');
    const { access } = c.var;
    const req = beginRecordRequest(access, 'search', type);
    const def = recordType(type);
    const searchFields = def?.searches[body.search];
    if (def === undefined || searchFields === undefined)
      throw new Problem(400, 'validation_failed', 'No such search for this record type.', {
        issues: [{ path: 'search', code: 'unknown_search', message: `searches: ${Object.keys(def?.searches ?? {}).join(', ')}` }],
      });
    // A match reveals the searched values in clear: only fields the purpose discloses in clear may be searched.
    const allowed = decideSearch(searchFields, req.fields);
    if (!allowed.ok) {
      const issues = allowed.fields.map((f) => ({
        path: `terms.${f}`,
        code: 'not_disclosed_in_clear',
        message: 'the purpose does not disclose this field in clear',
      }));
      throw new Problem(403, allowed.code, 'The purpose does not disclose the fields of this search in clear.', { issues });
    }
    // Records outside a case-specific grant, and sensitive cases the grant may not see, are not even candidates: they cost what no match costs.
    const found = (
      await findByBlindIndex(
        recordReaderOf(c.env, c.var.stores),
        type,
        body.search,
        body.terms,
        fieldsForDisclosure(def, req.fields),
        req.now.recordIds ?? undefined,
        hiddenFor(type, req.now.grant),
        rowScopeOf(access),
      )
    ).slice(0, body.limit);
    const out = await minimised(c.env, c.var.stores, access, c.var.now, type, found, req.fields);
    const delivered = await deliver(c.var.stores, issuerOf(c.env, c.var.stores), access, disclosureRequest(c), {
      action: 'search',
      recordType: type,
      payload: { records: out, count: out.length },
      subjectIds: found.flatMap((r) => subjectIds(type, { id: r.id, ...r.fields })),
      // A miss costs the identity probed for, so that trying values until one matches is not free.
      probes: probesToCount(found.length, probeId(type, body.search, searchValues(def, body.search, body.terms) ?? body.terms)),
      fields: req.fields,
      purpose: req.purpose,
      forViewer: c.req.valid('query').delivery === 'viewer',
    });
    return sealedAnswer(delivered);
  });
