import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { flushDisclosureIndex } from '../../../services/access/audit.js';
import { releaseViewerKey, sealViewerKeyTo, viewerKeyId } from '../../../services/delivery/viewer-seal.js';
import { Problem } from '../../../platform/errors/problem.js';
import { randomToken } from '../../../platform/lib/random.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { deliveredRecordType } from '../../../store/d1/disclosures.js';
import { insertView } from '../../../store/d1/viewer-views.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import { logViewerEvent } from './viewer-log.js';

/** Random bits in a view id: what the trace mark carries. */
export const VIEW_ID_BYTES = 8;

const ViewRequest = z
  .object({
    epoch: z.number().int().min(0).max(10_000_000).openapi({ description: 'Epoch of the viewer key the held payload is sealed under (its JWE `kid` is `grant:epoch`)' }),
    disclosure_id: z.string().uuid().openapi({ description: 'The `jti` of the delivery the viewer holds (the `n2k-disclosure-id` header of its answer)' }),
  })
  .strict()
  .openapi('ViewRequest');
const ViewOpened = z
  .object({
    view_id: z.string().openapi({ description: 'Names this view in the log; the viewer marks what it renders with it' }),
    at: z.number(),
    kid: z.string(),
    destroy_at: z.number(),
    key: z.string().openapi({ description: 'The viewer key as an `oct` JWK, sealed to the officer (compact JWE, ECDH-ES + A256GCM)' }),
  })
  .openapi('ViewOpened');

const route = createRoute({
  method: 'post',
  path: '/views',
  tags: ['officers'],
  summary: 'Open a held record in the viewer: logs the view and releases the key to open it, while that key exists',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access'), bindRequest] as const,
  request: { body: { required: true, content: { 'application/json': { schema: ViewRequest } } } },
  responses: {
    201: jsonOk(ViewOpened, 'The view is logged; here is the key'),
    410: { description: '`key_destroyed`: the window or data life is over; what the viewer holds can no longer be opened', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
    ...adminProblems,
  },
});

/**
 * `POST /v1/views`: every rendering of a record in the viewer asks here first, so a view needs the
 * gateway's current permission and is on the log before anything is on screen. This is the only
 * route that releases a viewer key: each release is a logged view with its own view id (the trace
 * mark), whoever holds the delivery — an officer's viewer or an agency system's.
 */
export const viewRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const body = c.req.valid('json');
  const { access, now } = c.var;
  const grant = access.grant;
  if (grant === undefined || access.encryptionJwk === null) throw new Error('record access middleware did not run');
  // Only a delivery this client received under this grant can be opened here.
  const heldDelivery = () => deliveredRecordType(c.env.DB, body.disclosure_id, access.clientId, grant.id);
  // The D1 index trails the log by moments: a delivery made just now is found once it is flushed.
  const held = (await heldDelivery()) ?? (await flushDisclosureIndex(c.env).then(heldDelivery));
  if (held === null) throw new Problem(404, 'not_found', 'No such delivery to this officer under this grant.');
  const released = await releaseViewerKey(c.env, grant.id, body.epoch, now);
  if (released === null) {
    await logViewerEvent(c.env, access, now, crypto.randomUUID(), { event: 'view_refused', disclosure: body.disclosure_id, epoch: body.epoch, reason: 'key_destroyed' });
    throw new Problem(410, 'key_destroyed', 'The window or data life of this record is over; it can no longer be opened.');
  }
  const viewId = randomToken(VIEW_ID_BYTES);
  const logIndex = await logViewerEvent(c.env, access, now, viewId, { event: 'view', view: viewId, disclosure: body.disclosure_id, record_type: held, epoch: body.epoch });
  await insertView(c.env.DB, { viewId, at: now, officerId: access.clientId, agencyId: access.agencyId, purposeId: grant.purposeId, grantId: grant.id, recordType: held, disclosureId: body.disclosure_id, logIndex });
  const kid = viewerKeyId(grant.id, body.epoch);
  const key = await sealViewerKeyTo(access.encryptionJwk, kid, released.key);
  return c.json({ view_id: viewId, at: now, kid, destroy_at: released.destroyAt, key }, 201, { 'cache-control': 'no-store' });
});
