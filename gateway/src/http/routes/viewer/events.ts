import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { MAX_REVEAL_REASON_CHARS, MIN_REVEAL_REASON_CHARS } from '../../../platform/config.js';
import { Problem } from '../../../platform/errors/problem.js';
import { recipientKey } from '../../../services/access/deliver.js';
import { originalToReveal, sealRevealedTo } from '../../../services/media/reveal-original.js';
import { logReveal } from '../../../services/viewer/reveal.js';
import { logViewerEvent, ownView, requireOfficer } from '../../../services/viewer/viewer-log.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { mayReleaseUnblurredMedia } from '@need2know/policy';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

/** What the viewer's copy guard blocks, each counted. */
export const BLOCKED_ACTIONS = ['copy', 'cut', 'paste', 'drag', 'select_all', 'context_menu', 'print', 'save', 'new_window', 'view_source', 'devtools', 'focus_lost'] as const;
const MAX_COUNT = 100_000;

const ViewId = z.string().regex(/^[A-Za-z0-9_-]{11}$/);
const BlockedReport = z
  .object({
    view_id: ViewId,
    counts: z.partialRecord(z.enum(BLOCKED_ACTIONS), z.number().int().min(1).max(MAX_COUNT)).refine((r) => Object.keys(r).length > 0, 'at least one count'),
  })
  .strict()
  .openapi('BlockedActionsReport');
const Logged = z.object({ log_index: z.number() }).openapi('ViewerEventLogged');

const RevealRequest = z
  .object({
    view_id: ViewId,
    media_ref: z.string().min(1).max(256),
    reason: z.string().trim().min(MIN_REVEAL_REASON_CHARS).max(MAX_REVEAL_REASON_CHARS).openapi({ description: 'Why the officer needs to see this photo unblurred' }),
  })
  .strict()
  .openapi('RevealRequest');
const RevealLogged = z
  .object({
    reveal_id: z.string(),
    log_index: z.number(),
    at: z.number(),
    media: z.string().openapi({ description: 'The original photo, sealed to the officer (compact JWE, ECDH-ES + A256GCM) as `{ ref, rendition: "original", content_type, bytes, data }`; sent only once the reveal is on the log' }),
  })
  .openapi('RevealLogged');

const blocked = createRoute({
  method: 'post',
  path: '/viewer-events',
  tags: ['officers'],
  summary: 'Report copy, print and other attempts the viewer blocked during a view (counted, logged)',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: BlockedReport } } } },
  responses: { 202: jsonOk(Logged, 'Logged'), ...adminProblems },
});
const reveal = createRoute({
  method: 'post',
  path: '/reveals',
  tags: ['officers'],
  summary: 'Reveal one protected photo of the viewed record: logs the reason, then returns the original (media answers to officers carry only the blurred rendition)',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: RevealRequest } } } },
  responses: { 201: jsonOk(RevealLogged, 'The reveal is on the log'), ...adminProblems },
});

export const viewerEventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(blocked, async (c) => {
    const body = c.req.valid('json');
    const { access, now } = c.var;
    requireOfficer(access);
    await ownView(c.env, access, body.view_id);
    const counts = Object.fromEntries(Object.entries(body.counts).filter((e): e is [string, number] => typeof e[1] === 'number'));
    const logIndex = await logViewerEvent(c.env, access, now, crypto.randomUUID(), { event: 'blocked', view: body.view_id, counts });
    return c.json({ log_index: logIndex }, 202);
  })
  .openapi(reveal, async (c) => {
    const body = c.req.valid('json');
    const { access, now } = c.var;
    requireOfficer(access);
    const { grant, purpose } = access;
    const view = await ownView(c.env, access, body.view_id);
    if (!mayReleaseUnblurredMedia(purpose, grant)) throw new Problem(403, 'reveal_not_permitted');
    const recipient = recipientKey(access);
    // Media are part of fetching a record, judged on what the purpose allows now (as the media route
    // does); and only a photo of the record this view shows is revealed here.
    if (!access.recordNow.actions.includes('fetch')) throw new Problem(403, 'insufficient_scope', 'The purpose does not allow fetch.');
    const original = await originalToReveal(c.env, { granted: access.recordAccess, purpose, grant, agencyId: access.agencyId, clientKind: access.clientKind }, view, body.media_ref, now);
    if (original === null) throw new Problem(404, 'not_found', 'No such photo to reveal in this view.');
    const { id, logIndex } = await logReveal(c.env, access, now, view, body.media_ref, body.reason);
    // Only now, with the reveal and its reason on the log, does the original leave.
    return c.json({ reveal_id: id, log_index: logIndex, at: now, media: await sealRevealedTo(recipient, body.media_ref, original) }, 201, { 'cache-control': 'no-store' });
  });
