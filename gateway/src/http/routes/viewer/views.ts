import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { openView } from '../../../services/viewer/open-view.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

const ViewRequest = z
  .object({
    epoch: z
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .openapi({ description: 'Epoch of the viewer key the held payload is sealed under (its JWE `kid` is `grant:epoch`)' }),
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
    410: {
      description: '`key_destroyed`: the window or data life is over; what the viewer holds can no longer be opened',
      content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } },
    },
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
  const opened = await openView(c.var.stores, access, now, { disclosureId: body.disclosure_id, epoch: body.epoch });
  if (!opened.ok && opened.reason === 'not_held') throw new Problem(404, 'not_found', 'No such delivery to this officer under this grant.');
  if (!opened.ok) throw new Problem(410, 'key_destroyed', 'The window or data life of this record is over; it can no longer be opened.');
  return c.json({ view_id: opened.viewId, at: now, kid: opened.kid, destroy_at: opened.destroyAt, key: opened.sealedKey }, 201, {
    'cache-control': 'no-store',
  });
});
