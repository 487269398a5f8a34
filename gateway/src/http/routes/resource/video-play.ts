import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { deliver, refuseNotFound } from '../../../services/access/deliver.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';
import { Problem } from '../../../platform/errors/problem.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { playChunk, startVideoPlay } from '../../../services/video/play-video.js';
import { issuerOf } from '../../../services/stores.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { requireStatedReason } from '../../middleware/stated-reason.js';
import { adminProblems } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import { disclosureRequest, sealedAnswer } from './sealed-answer.js';
import { StatedReasonHeaders, statedReasonProblem } from './stated-reason-headers.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } });

const PlayRequest = z
  .object({
    ref: z.string().min(1).max(256).openapi({
      description: "A video's media reference exactly as a disclosed record carries it: bare, `#redacted` or `#blurred` (a suffix never widens)",
      example: 'media/case/case-00000042/2.mp4#redacted',
    }),
  })
  .strict()
  .openapi('VideoPlayRequest');

const startRoute = createRoute({
  method: 'post',
  path: '/media/videos/plays',
  tags: ['records'],
  summary: "Start playing a record's video in the rendition the purpose's mode allows: one logged disclosure per play",
  description:
    'The rendition is decided exactly as for a photo (`POST /v1/media`): `redacted` gives the redacted rendition (the whole frame blurred where the upload tool failed safe), `blurred` the blurred one, `clear` the original of unflagged footage and of flagged footage only to a partner under two leadership approvals, `none` nothing; missing, outside the grant, or not releasable: the same 404. ' +
    "The sealed answer (`media` payload `video`: ref, rendition, mime, size, chunk count, and the play's `id`, `key` and `expires_at`) is logged once; then fetch the chunks from `GET /v1/media/videos/plays/{id}/chunks/{n}`, each `iv ‖ AES-256-GCM` under the play's key. " +
    "With `delivery=viewer` the payload is sealed once more under the grant's viewer key, so the play's key dies with the window.",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access'), bindRequest, requireStatedReason('media')] as const,
  request: {
    headers: StatedReasonHeaders,
    query: z.object({ delivery: z.enum(['partner', 'viewer']).default('partner') }),
    body: { required: true, content: { 'application/json': { schema: PlayRequest } } },
  },
  responses: {
    200: { description: 'A sealed disclosure whose payload is `video`', content: { [DISCLOSURE_MEDIA_TYPE]: { schema: z.string() } } },
    ...adminProblems,
    400: statedReasonProblem,
    410: problem('The viewer key for this window is destroyed (`key_destroyed`)'),
    429: problem('Rate limit (`rate_limited`), with Retry-After'),
  },
});

const chunkRoute = createRoute({
  method: 'get',
  path: '/media/videos/plays/{id}/chunks/{n}',
  tags: ['records'],
  summary: "One chunk of a play, sealed under the play's key (not logged: the play was)",
  description:
    'Only the client that started the play, under the same grant, until the play ends (30 minutes, never past the window). Body: `iv (12 bytes) ‖ AES-256-GCM(chunk)`, additional data `n2k-video-chunk:{id}:{n}/{chunks}`.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access')] as const,
  request: { params: z.object({ id: z.string().max(64), n: z.string().regex(/^\d{1,6}$/) }) },
  responses: {
    200: { description: 'The sealed chunk', content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } },
    ...adminProblems,
    410: problem('The play ended (`play_expired`)'),
    422: problem('Past the last chunk (`chunk_out_of_range`)'),
  },
});

/** `POST /v1/media/videos/plays` and its chunks: partners and the officers' viewer play the videos records refer to. */
export const videoPlayRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(startRoute, async (c) => {
    const { ref } = c.req.valid('json');
    const { access } = c.var;
    const { recordAccess: granted, recordNow, purpose, grant, agencyId } = access;
    if (!recordNow.actions.includes('fetch')) throw new Problem(403, 'insufficient_scope', 'The purpose does not allow fetch.');
    const started = await startVideoPlay(
      c.var.stores,
      mediaSettingsOf(c.env),
      { granted, purpose, grant, agencyId, clientKind: access.clientKind, clientId: access.clientId },
      ref,
      c.var.now,
    );
    // Nothing to play: counted and logged all the same, then the same 404 whatever the reason.
    if (started === null) return refuseNotFound(c.var.stores, access, disclosureRequest(c), { action: 'media', recordType: '', purpose });
    const delivered = await deliver(c.var.stores, issuerOf(c.env, c.var.stores), access, disclosureRequest(c), {
      action: 'media',
      recordType: started.found.upload.recordType,
      payload: { video: started.payload },
      subjectIds: started.found.subjectIds,
      // The log says which field and which rendition was played: `{ "evidence": "redacted" }`.
      fields: { [started.found.upload.field]: started.found.rendition },
      purpose,
      forViewer: c.req.valid('query').delivery === 'viewer',
    });
    return sealedAnswer(delivered);
  })
  .openapi(chunkRoute, async (c) => {
    const { id, n } = c.req.valid('param');
    const { access } = c.var;
    const body = await playChunk(c.var.stores, mediaSettingsOf(c.env), { clientId: access.clientId, grantId: access.grant.id }, id, Number(n), c.var.now);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
  });
