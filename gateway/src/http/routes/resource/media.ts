import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { base64url } from 'jose';
import type { AppEnv } from '../../app-env.js';
import { admitAndRecord } from '../../../services/access/audit.js';
import { deliver } from '../../../services/access/deliver.js';
import { admissionFor, rateLimited } from '../../../services/access/limits.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';
import { Problem } from '../../../platform/errors/problem.js';
import { findReleasableMedia } from '../../../services/media/disclose-media.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import type { Purpose } from '@need2know/policy';
import { adminProblems } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

/** Longest reference a request may name: a stored ref (200 bytes) plus `#blurred`, with room to spare. */
const MAX_REQUESTED_REF = 256;

const MediaRequest = z
  .object({
    ref: z.string().min(1).max(MAX_REQUESTED_REF).openapi({
      description: 'A media reference exactly as a disclosed record carries it (`photo_ref`, `evidence[].media_ref`), with or without `#blurred`',
      example: 'media/case/case-00000042/1.jpg#blurred',
    }),
  })
  .strict()
  .openapi('MediaRequest');

const sealed = {
  description:
    'A sealed disclosure (compact JWE to the client, containing a JWT signed by the gateway) whose payload is `media`: ' +
    '`{ ref, rendition: "original" | "blurred", content_type: "image/png" | "image/jpeg", bytes, data }`, `data` being the file in base64url. ' +
    'With `delivery=viewer` the payload is sealed once more under the grant\'s viewer key (`sealed_payload`, `viewer_key`), as for records.',
  content: { [DISCLOSURE_MEDIA_TYPE]: { schema: z.string() } },
};

const route = createRoute({
  method: 'post',
  path: '/media',
  tags: ['records'],
  summary: "One photo behind a record's media reference: blurred unless the grant releases the original; the reference travels in the body, never the URL",
  description:
    'The reference must be named by the current version of a record the grant covers (record type, case-specific record list), in a field the purpose discloses in `clear`. ' +
    'Flagged media (minors, victims, witnesses, people in restraints) come as their blurred rendition unless the purpose allows unblurred media and two leadership officers approved the grant; an officer always gets the blurred rendition of flagged media here, and the original only from `POST /v1/reveals`, after the reason is logged. ' +
    'unflagged photos come as they are. A reference ending in `#blurred` always gets the blurred rendition. Missing, outside the grant, or not releasable: the same 404.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access'), bindRequest] as const,
  request: {
    query: z.object({ delivery: z.enum(['partner', 'viewer']).default('partner') }),
    body: { required: true, content: { 'application/json': { schema: MediaRequest } } },
  },
  responses: {
    200: sealed,
    ...adminProblems,
    410: { description: 'The viewer key for this window is destroyed (`key_destroyed`)', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
    429: { description: 'Rate limit (`rate_limited`), with Retry-After', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
  },
});

/**
 * Answers a request that released nothing: it still counts against the grant's and the client's
 * limits (probing references is a request like any other) and is logged; then the same 404 whether
 * the media are missing, outside the grant, or not releasable.
 */
async function notFound(c: Context<AppEnv>, purpose: Purpose): Promise<never> {
  const { access, now, requestHash } = c.var;
  const grant = access.grant;
  if (grant === undefined) throw new Error('record access middleware did not run');
  const entry = { at: now, clientId: access.clientId, agencyId: access.agencyId, purposeId: purpose.id, grantId: grant.id, action: 'media' as const, recordType: '', subjects: [], fields: {}, requestHash, responseHash: '' };
  const admitted = await admitAndRecord(
    c.env,
    admissionFor(purpose, grant.id, access.clientId, [], now),
    { ...entry, id: crypto.randomUUID(), outcome: 'not_found' },
    { ...entry, id: crypto.randomUUID(), outcome: 'rate_limited' },
  );
  if (!admitted.ok) throw rateLimited(admitted);
  throw new Problem(404, 'not_found');
}

/** `POST /v1/media`: partners and the officers' viewer get the photos records refer to. */
export const mediaRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const { ref } = c.req.valid('json');
  const { recordAccess: granted, recordNow, purpose, grant, agencyId } = c.var.access;
  if (granted === undefined || recordNow === undefined || purpose === undefined || grant === undefined) throw new Error('record access middleware did not run');
  // Media are part of fetching a record: a token or purpose without `fetch` (now) gets none, whatever the reference.
  if (!recordNow.actions.includes('fetch')) throw new Problem(403, 'insufficient_scope', 'The purpose does not allow fetch.');
  const found = await findReleasableMedia(c.env, { granted, purpose, grant, agencyId, clientKind: c.var.access.clientKind }, ref, c.var.now);
  if (found === null) return notFound(c, purpose);
  return deliver(c, {
    action: 'media',
    recordType: found.row.recordType,
    payload: { media: { ref, rendition: found.rendition, content_type: found.contentType, bytes: found.bytes.length, data: base64url.encode(found.bytes) } },
    subjectIds: found.subjectIds,
    // The log and the sealed answer say which field and which rendition left: `{ "evidence": "blurred" }`.
    fields: { [found.row.field]: found.rendition },
    purpose,
    forViewer: c.req.valid('query').delivery === 'viewer',
  });
});
