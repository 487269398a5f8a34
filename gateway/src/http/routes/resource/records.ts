import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { recordType, RECORD_TYPES, type DisclosureMode } from '@need2know/schema';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.js';
import { ownerToday } from '../../../platform/env.js';
import { admitAndRecord } from '../../../services/access/audit.js';
import { deliver } from '../../../services/access/deliver.js';
import { fieldsForDisclosure } from '../../../services/access/open-fields.js';
import { beginRecordRequest } from '../../../services/access/preamble.js';
import { admissionFor, rateLimited } from '../../../services/access/limits.js';
import { inGrantRecords } from '../../../services/access/scope.js';
import { subjectIds } from '../../../services/access/subjects.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';
import { minimiseRecord } from '@need2know/policy';
import { mayReleaseUnblurredMedia } from '@need2know/policy';
import { decideSearch, probeId, probesToCount } from '@need2know/policy';
import { hiddenFor } from '@need2know/policy';
import type { Purpose } from '@need2know/policy';
import { Problem } from '../../../platform/errors/problem.js';
import { keyRing } from '../../../services/keys/key-ring.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { proofSettled, proofToSpend } from '../../middleware/proof-with-log.js';
import { bindRequest } from '../../middleware/request-binding.js';
import type { AccessTokenClaims } from '../../../services/oauth/access-token.js';
import type { GrantedRecordAccess } from '@need2know/policy';
import { openRows, type OpenedRecord } from '../../../services/records/read.js';
import { findByBlindIndex } from '../../../services/records/search.js';
import { searchValues } from '../../../services/records/search-values.js';
import { currentRecords, recordRowsFrom, selectCurrentRecords } from '../../../store/d1/records.js';
import { adminProblems } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

/** Most records one search returns. */
export const MAX_SEARCH_RESULTS = 20;

const TypeName = z.enum(Object.keys(RECORD_TYPES) as [string, ...string[]]);
const RecordId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);
const Delivery = z.object({ delivery: z.enum(['partner', 'viewer']).default('partner') });
const sealed = {
  description: 'A sealed disclosure: compact JWE (ECDH-ES, A256GCM) to the client\'s encryption key, containing a JWT signed by the gateway (see /.well-known/jwks.json)',
  content: { [DISCLOSURE_MEDIA_TYPE]: { schema: z.string() } },
};
const problems = {
  ...adminProblems,
  429: {
    description: "Rate limit (`rate_limited`), with Retry-After: `limit` names the grant's (`requests_per_minute`, `persons_per_hour`) or the caller's own (`officer_requests_per_minute`, `officer_persons_per_hour`)",
    content: { 'application/problem+json': { schema: z.object({ code: z.string(), limit: z.string(), retry_after: z.number() }) } },
  },
  410: { description: 'The viewer key for this window is destroyed (`key_destroyed`)', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
};

/** An id no record can have (ids start with a letter or digit): what a fetch reads when the grant does not cover the record named. */
const NO_RECORD = '';

/**
 * The record a fetch names, read in the same D1 round trip as the caller's checks. A record the
 * token's grant does not cover is never read: the statement asks for {@link NO_RECORD} instead, so
 * it costs exactly what a missing record costs — same statement, one index probe, no row, nothing
 * to open — and neither the answer nor its timing tells whether it exists. A case marked sensitive
 * is left out by the same statement (the grant is not known yet, so always): it too costs what a
 * missing record costs; the route reads it again only for a grant leadership approved for it.
 */
function recordNamed(c: Context<AppEnv>, claims: AccessTokenClaims): D1PreparedStatement[] {
  const type = c.req.param('type') ?? '';
  const id = c.req.param('id') ?? '';
  const granted = claims.authorization_details?.find((d): d is GrantedRecordAccess => d.type === 'record_access');
  const covered = granted !== undefined && granted.record_types.includes(type) && inGrantRecords(granted, id);
  return [selectCurrentRecords(c.env.DB, type, [covered ? id : NO_RECORD], hiddenFor(type, null))];
}

const fetchRoute = createRoute({
  method: 'get',
  path: '/records/{type}/{id}',
  tags: ['records'],
  summary: 'Fetch one record, minimised to what the purpose allows, sealed to the caller',
  description: 'A record outside the grant, and a case marked sensitive unless two leadership officers approved the grant for sensitive cases, are answered exactly like a missing record (404).',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access', { alongside: recordNamed, spendProofWithLog: true }), bindRequest] as const,
  request: { params: z.object({ type: TypeName, id: RecordId }), query: Delivery },
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
    'A search that finds no one costs the identity it probed against the persons-per-hour limits. Records outside a case-specific grant, and cases marked sensitive unless the grant was approved for them, are never candidates.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access', { spendProofWithLog: true }), bindRequest] as const,
  request: { params: z.object({ type: TypeName }), query: Delivery, body: { required: true, content: { 'application/json': { schema: SearchBody } } } },
  responses: { 200: sealed, ...problems },
});

/** Minimises opened records for the caller. */
async function minimised(c: Context<AppEnv>, type: string, records: readonly OpenedRecord[], fields: Record<string, DisclosureMode>) {
  const def = recordType(type);
  if (def === undefined) throw new Problem(404, 'not_found');
  const ring = await keyRing(c.env);
  const today = ownerToday(c.env, c.var.now);
  const { purpose, grant } = c.var.access;
  const mediaUnblurred = purpose !== undefined && grant !== undefined && mayReleaseUnblurredMedia(purpose, grant);
  return records.map((r) => minimiseRecord(def, { id: r.id, ...r.fields }, fields, { ring, agency: c.var.access.agencyId, today, mediaUnblurred }));
}

/**
 * Answers a fetch or search that disclosed nothing: the request still counts against the grant's
 * and the client's limits (probing ids is a request like any other) and is logged, in one call to
 * the log; then the same 404 whether the record is missing or outside the grant.
 */
async function notFound(c: Context<AppEnv>, action: 'fetch' | 'search', type: string, purpose: Purpose): Promise<never> {
  const { access, now, requestHash } = c.var;
  const grant = access.grant;
  if (grant === undefined) throw new Error('record access middleware did not run');
  const entry = { at: now, clientId: access.clientId, agencyId: access.agencyId, purposeId: purpose.id, grantId: grant.id, action, recordType: type, subjects: [], fields: {}, requestHash, responseHash: '' };
  const admitted = await admitAndRecord(
    c.env,
    admissionFor(purpose, grant.id, access.clientId, [], now),
    { ...entry, id: crypto.randomUUID(), outcome: 'not_found' },
    { ...entry, id: crypto.randomUUID(), outcome: 'rate_limited' },
    proofToSpend(c),
  );
  proofSettled(c);
  if (!admitted.ok) throw rateLimited(admitted);
  throw new Problem(404, 'not_found');
}

/** `/v1/records/…`: fetch and search. */
export const recordRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(fetchRoute, async (c) => {
    const { type, id } = c.req.valid('param');
    const req = await beginRecordRequest(c, 'fetch', type);
    const granted = c.var.access.recordAccess;
    const def = recordType(type);
    if (def === undefined) throw new Problem(404, 'not_found');
    // The row was read with the caller's checks (see `recordNamed`): nothing for a record outside the grant.
    const covered = granted !== undefined && inGrantRecords(granted, id) && (req.now.recordIds === null || req.now.recordIds.includes(id));
    let rows = recordRowsFrom(c.var.access.alongside[0]);
    // Left out by that read when sensitive; a grant leadership approved for sensitive cases reads again, found or not.
    if (covered && rows.length === 0 && hiddenFor(type, null) !== null && hiddenFor(type, req.now.grant) === null) rows = await currentRecords(c.env.DB, type, [id]);
    const [record] = covered ? await openRows(c.env, type, [id], rows, fieldsForDisclosure(def, req.fields)) : [];
    if (record === undefined) return notFound(c, 'fetch', type, req.purpose);
    const [out] = await minimised(c, type, [record], req.fields);
    return deliver(c, { action: 'fetch', recordType: type, payload: { records: [out] }, subjectIds: subjectIds(type, { id, ...record.fields }), fields: req.fields, purpose: req.purpose, forViewer: c.req.valid('query').delivery === 'viewer' });
  })
  .openapi(searchRoute, async (c) => {
    const { type } = c.req.valid('param');
    const body = c.req.valid('json');
    const req = await beginRecordRequest(c, 'search', type);
    const def = recordType(type);
    const searchFields = def?.searches[body.search];
    if (def === undefined || searchFields === undefined) throw new Problem(400, 'validation_failed', 'No such search for this record type.', { issues: [{ path: 'search', code: 'unknown_search', message: `searches: ${Object.keys(def?.searches ?? {}).join(', ')}` }] });
    // A match reveals the searched values in clear: only fields the purpose discloses in clear may be searched.
    const allowed = decideSearch(searchFields, req.fields);
    if (!allowed.ok) {
      const issues = allowed.fields.map((f) => ({ path: `terms.${f}`, code: 'not_disclosed_in_clear', message: 'the purpose does not disclose this field in clear' }));
      throw new Problem(403, allowed.code, 'The purpose does not disclose the fields of this search in clear.', { issues });
    }
    // Records outside a case-specific grant, and sensitive cases the grant may not see, are not even candidates: they cost what no match costs.
    const found = (await findByBlindIndex(c.env, type, body.search, body.terms, fieldsForDisclosure(def, req.fields), req.now.recordIds ?? undefined, hiddenFor(type, req.now.grant))).slice(0, body.limit);
    const out = await minimised(c, type, found, req.fields);
    return deliver(c, {
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
  });
