import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { base64url } from 'jose';
import type { AppEnv } from '../../app-env.js';
import { deliver, refuseLogged, refuseNotFound } from '../../../services/access/deliver.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';
import { Problem } from '../../../platform/errors/problem.js';
import { findReleasableMedia, isReleasable } from '../../../services/media/disclose-media.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { requireStatedReason } from '../../middleware/stated-reason.js';
import { StatedReasonHeaders, statedReasonProblem } from './stated-reason-headers.js';
import { adminProblems } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import { disclosureRequest, sealedAnswer } from './sealed-answer.js';
import { issuerOf } from '../../../services/stores.js';

/** Longest reference a request may name: a stored ref (200 bytes) plus `#redacted` or `#blurred`, with room to spare. */
const MAX_REQUESTED_REF = 256;

const MediaRequest = z
  .object({
    ref: z.string().min(1).max(MAX_REQUESTED_REF).openapi({
      description:
        'A media reference exactly as a disclosed record carries it (`photo_ref`, `evidence[].media_ref`): bare, `#redacted` or `#blurred`. A suffix asks for at most that rendition; dropping it never widens what the purpose allows',
      example: 'media/case/case-00000042/1.jpg#redacted',
    }),
  })
  .strict()
  .openapi('MediaRequest');

const sealed = {
  description:
    'A sealed disclosure (compact JWE to the client, containing a JWT signed by the gateway) whose payload is `media`: ' +
    '`{ ref, rendition: "original" | "redacted" | "blurred", content_type: "image/png" | "image/jpeg", bytes, data }`, `data` being the file in base64url. ' +
    'An original larger than an answer carries (4 MiB) goes out as its copy at the working size (at most 2048 × 2048, JPEG, made at upload): `rendition` is `original` and `scaled: { width, height }` gives the size of the copy; the log and the `disclosure` claim name it `scaled`. ' +
    "With `delivery=viewer` the payload is sealed once more under the grant's viewer key (`sealed_payload`, `viewer_key`), as for records.",
  content: { [DISCLOSURE_MEDIA_TYPE]: { schema: z.string() } },
};

const route = createRoute({
  method: 'post',
  path: '/media',
  tags: ['records'],
  summary:
    "One photo behind a record's media reference, in the rendition the purpose's mode for its field allows; the reference travels in the body, never the URL",
  description:
    'The reference must be named by the current version of a record the grant covers (record type, case-specific record list), in a media field the purpose discloses (`photo_ref`, `evidence`). ' +
    "The purpose's mode for that field decides the rendition: `clear` gives unflagged photos as they are and flagged ones (minors, victims, witnesses, people in restraints) protected, unless the purpose allows originals and two leadership officers approved the grant; " +
    '`redacted` gives every photo protected; `blurred` gives every photo blurred whole; `none` gives nothing. Protected means the redacted rendition (every face and every region the data owner marked pixelated and blurred with a margin, the rest kept) where the detector found a face with confidence at upload, and the whole frame blurred otherwise (the fail-safe). ' +
    'An officer always gets the protected rendition of flagged media here, and the original only from `POST /v1/reveals`, after the reason is logged. ' +
    'A reference ending in `#redacted` gets at most the protected rendition, one ending in `#blurred` the blurred one. Missing, outside the grant, in `none`, or not releasable: the same 404.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access'), bindRequest, requireStatedReason('media')] as const,
  request: {
    headers: StatedReasonHeaders,
    query: z.object({ delivery: z.enum(['partner', 'viewer']).default('partner') }),
    body: { required: true, content: { 'application/json': { schema: MediaRequest } } },
  },
  responses: {
    200: sealed,
    ...adminProblems,
    400: statedReasonProblem,
    409: {
      ...adminProblems[409],
      description:
        '`media_too_large`: the purpose releases this original, but it is larger than an answer carries and no copy at the working size is stored (an upload from before such copies were made: the data owner uploads it again). Counted and logged like any refusal',
    },
    410: {
      description: 'The viewer key for this window is destroyed (`key_destroyed`)',
      content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
    },
    429: { description: 'Rate limit (`rate_limited`), with Retry-After', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
  },
});

/** `POST /v1/media`: partners and the officers' viewer get the photos records refer to. */
export const mediaRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const { ref } = c.req.valid('json');
  const { access } = c.var;
  const { recordAccess: granted, recordNow, purpose, grant, agencyId } = access;
  // Media are part of fetching a record: a token or purpose without `fetch` (now) gets none, whatever the reference.
  if (!recordNow.actions.includes('fetch')) throw new Problem(403, 'insufficient_scope', 'The purpose does not allow fetch.');
  const found = await findReleasableMedia(
    c.var.stores,
    mediaSettingsOf(c.env),
    { granted, purpose, grant, agencyId, clientKind: access.clientKind },
    ref,
    c.var.now,
  );
  // Released nothing: counted and logged all the same, then the same 404 whether missing, outside the grant, or not releasable.
  if (found === null) return refuseNotFound(c.var.stores, access, disclosureRequest(c), { action: 'media', recordType: '', purpose });
  // Releasable, but too large to deliver whole and with no copy at the working size: a refusal of its own, logged with its reason.
  if (!isReleasable(found))
    return refuseLogged(
      c.var.stores,
      access,
      disclosureRequest(c),
      { action: 'media', recordType: found.row.recordType, purpose, outcome: 'media_too_large' },
      new Problem(409, 'media_too_large', 'This original is larger than an answer carries, and no copy at the working size is stored.'),
    );
  const scaled = found.scaled === null ? {} : { scaled: found.scaled };
  const delivered = await deliver(c.var.stores, issuerOf(c.env, c.var.stores), access, disclosureRequest(c), {
    action: 'media',
    recordType: found.row.recordType,
    payload: {
      media: { ref, rendition: found.rendition, content_type: found.contentType, bytes: found.bytes.length, data: base64url.encode(found.bytes), ...scaled },
    },
    subjectIds: found.subjectIds,
    // The log and the sealed answer say which field and which rendition left: `{ "evidence": "blurred" }` (`scaled`: the original's copy at the working size).
    fields: { [found.row.field]: found.scaled === null ? found.rendition : 'scaled' },
    purpose,
    forViewer: c.req.valid('query').delivery === 'viewer',
  });
  return sealedAnswer(delivered);
});
