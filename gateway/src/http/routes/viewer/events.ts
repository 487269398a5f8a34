import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { MAX_REVEAL_REASON_CHARS, MIN_REVEAL_REASON_CHARS } from '../../../platform/config.js';
import { Problem } from '../../../platform/errors/problem.js';
import { recipientKey } from '../../../services/access/deliver.js';
import { originalToReveal, revealedRendition, sealRevealedTo } from '../../../services/media/reveal-original.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { logReveal } from '../../../services/viewer/reveal.js';
import { logCopy } from '../../../services/viewer/copy.js';
import { hideView, returnToView } from '../../../services/viewer/view-return.js';
import { logViewerEvent, ownView, requireOfficer } from '../../../services/viewer/viewer-log.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { mayReleaseUnblurredMedia, SAME_VIEW_RETURN_SECONDS } from '@need2know/policy';
import { BLOCKED_ACTIONS, VIEW_ID_PATTERN } from '@need2know/schema';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import { keyRingSourceOf } from '../../../services/stores.js';

const MAX_COUNT = 100_000;

const ViewId = z.string().regex(VIEW_ID_PATTERN);
const BlockedReport = z
  .object({
    view_id: ViewId,
    counts: z.partialRecord(z.enum(BLOCKED_ACTIONS), z.number().int().min(1).max(MAX_COUNT)).refine((r) => Object.keys(r).length > 0, 'at least one count'),
  })
  .strict()
  .openapi('BlockedActionsReport');
const Logged = z.object({ log_index: z.number() }).openapi('ViewerEventLogged');
const HiddenReport = z
  .object({ view_id: ViewId, event: z.literal('hidden') })
  .strict()
  .openapi('ViewHiddenReport', { description: "The viewer's window left the front: the content is hidden, and the gateway notes when (its own clock)" });
const ReturnReport = z
  .object({
    view_id: ViewId,
    event: z.literal('return'),
    disclosure_id: z.string().uuid().openapi({ description: 'The delivery the view shows (a return is the same view only for the same record)' }),
  })
  .strict()
  .openapi('ViewReturnReport', {
    description: `The viewer is in front again. Within ${SAME_VIEW_RETURN_SECONDS} s of the hide it noted, the gateway logs the hidden interval with the view and no new view is needed; otherwise 409 \`view_not_resumable\` and the viewer opens a new view`,
  });
const CopyReport = z
  .object({ view_id: ViewId, event: z.literal('copy'), field: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) })
  .strict()
  .openapi('CopyReport', {
    description: 'The officer copied a field the purpose marks "may be copied" (`copyable`); logged. Any other field: 403 `copy_not_permitted`',
  });
const ViewerEvent = z.union([BlockedReport, HiddenReport, ReturnReport, CopyReport]).openapi('ViewerEventReport');
const HiddenNoted = z.object({ hidden_since: z.number() }).openapi('ViewHiddenNoted');
const ReturnLogged = z.object({ log_index: z.number(), view_id: z.string(), hidden_from: z.number(), hidden_to: z.number() }).openapi('ViewReturnLogged');

const RevealRequest = z
  .object({
    view_id: ViewId,
    media_ref: z.string().min(1).max(256),
    reason: z
      .string()
      .trim()
      .min(MIN_REVEAL_REASON_CHARS)
      .max(MAX_REVEAL_REASON_CHARS)
      .openapi({ description: 'Why the officer needs to see this photo unblurred' }),
  })
  .strict()
  .openapi('RevealRequest');
const RevealLogged = z
  .object({
    reveal_id: z.string(),
    log_index: z.number(),
    at: z.number(),
    media: z.string().openapi({
      description:
        'The original photo, sealed to the officer (compact JWE, ECDH-ES + A256GCM) as `{ ref, rendition: "original", content_type, bytes, data }`; sent only once the reveal is on the log. ' +
        'An original larger than an answer carries (4 MiB) goes out as its copy at the working size (at most 2048 × 2048, JPEG, made at upload), with `scaled: { width, height }`; the reveal\'s log entry then says `rendition: "scaled"`',
    }),
  })
  .openapi('RevealLogged');

const blocked = createRoute({
  method: 'post',
  path: '/viewer-events',
  tags: ['officers'],
  summary:
    'Report what happened in a view: attempts the viewer blocked (counted), the window hidden and back (a quick return is the same view, its hidden interval logged), a copy of a field the purpose lets be copied (logged)',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: ViewerEvent } } } },
  responses: {
    202: jsonOk(z.union([Logged, HiddenNoted, ReturnLogged]), 'Noted (hidden) or logged'),
    ...adminProblems,
    403: {
      description: '`copy_not_permitted`: the purpose does not let this field be copied; `insufficient_scope`: not an officer',
      content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
    },
    409: {
      description: '`view_not_resumable`: not the same view (too late, another record, or no hide noted); open a new view',
      content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
    },
  },
});
const reveal = createRoute({
  method: 'post',
  path: '/reveals',
  tags: ['officers'],
  summary:
    'Reveal one protected photo of the viewed record: logs the reason, then returns the original (media answers to officers carry only the blurred rendition)',
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
    if ('event' in body) {
      if (body.event === 'hidden') return c.json({ hidden_since: await hideView(c.var.stores, access, now, body.view_id) }, 202);
      if (body.event === 'return') {
        const back = await returnToView(c.var.stores, access, now, body.view_id, body.disclosure_id);
        return c.json({ log_index: back.logIndex, view_id: body.view_id, hidden_from: back.hiddenFrom, hidden_to: back.hiddenTo }, 202);
      }
      return c.json({ log_index: await logCopy(c.var.stores, access, now, body.view_id, body.field) }, 202);
    }
    await ownView(c.var.stores, access, body.view_id);
    const counts = Object.fromEntries(Object.entries(body.counts).filter((e): e is [string, number] => typeof e[1] === 'number'));
    const logIndex = await logViewerEvent(c.var.stores, access, now, crypto.randomUUID(), { event: 'blocked', view: body.view_id, counts });
    return c.json({ log_index: logIndex }, 202);
  })
  .openapi(reveal, async (c) => {
    const body = c.req.valid('json');
    const { access, now } = c.var;
    requireOfficer(access);
    const { grant, purpose } = access;
    const view = await ownView(c.var.stores, access, body.view_id);
    if (!mayReleaseUnblurredMedia(purpose, grant)) throw new Problem(403, 'reveal_not_permitted');
    const recipient = recipientKey(access);
    // Media are part of fetching a record, judged on what the purpose allows now (as the media route
    // does); and only a photo of the record this view shows is revealed here.
    if (!access.recordNow.actions.includes('fetch')) throw new Problem(403, 'insufficient_scope', 'The purpose does not allow fetch.');
    const original = await originalToReveal(
      c.var.stores,
      mediaSettingsOf(c.env),
      { granted: access.recordAccess, purpose, grant, agencyId: access.agencyId, clientKind: access.clientKind },
      view,
      body.media_ref,
      now,
    );
    if (original === null) throw new Problem(404, 'not_found', 'No such photo to reveal in this view.');
    const { id, logIndex } = await logReveal(
      c.var.stores,
      keyRingSourceOf(c.env, c.var.stores),
      access,
      now,
      view,
      body.media_ref,
      body.reason,
      revealedRendition(original),
    );
    // Only now, with the reveal and its reason on the log, does the original leave.
    return c.json({ reveal_id: id, log_index: logIndex, at: now, media: await sealRevealedTo(recipient, body.media_ref, original) }, 201, {
      'cache-control': 'no-store',
    });
  });
