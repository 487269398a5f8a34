import { createRoute, z } from '@hono/zod-openapi';
import { listSigningKeys, rotateSigningKeyNow } from '../../../services/keys/rotate-signing-key-now.js';
import { readAdminEvents } from '../../../services/oversight/admin-events.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';
import { AdminEvent, SigningKey } from './schemas.js';
import { eventOut, keyOut } from './serialize.js';

const events = createRoute({
  method: 'get',
  path: '/events',
  tags: ['admin'],
  summary: 'Administrative changes, oldest first, hash-chained',
  security: adminSecurity,
  request: {
    query: z.object({
      after: z.coerce.number().int().min(0).default(0),
      target_id: z.string().max(80).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: jsonOk(z.object({ events: z.array(AdminEvent) }), 'Events'), ...adminProblems },
});
const keys = createRoute({
  method: 'get',
  path: '/signing-keys',
  tags: ['admin'],
  summary: "The gateway's token-signing keys (public facts only)",
  security: adminSecurity,
  responses: { 200: jsonOk(z.object({ keys: z.array(SigningKey) }), 'Keys'), ...adminProblems },
});
const rotate = createRoute({
  method: 'post',
  path: '/signing-keys/rotate',
  tags: ['admin'],
  summary: 'Rotate the token-signing key now (the old key stays published until its tokens expire)',
  security: adminSecurity,
  responses: { 200: jsonOk(z.object({ keys: z.array(SigningKey) }), 'Keys after rotation'), ...adminProblems },
});

export const eventRoutes = adminRouter()
  .openapi(events, async (c) => {
    const q = c.req.valid('query');
    const rows = await readAdminEvents(c.var.stores, { afterSeq: q.after, limit: q.limit, ...(q.target_id === undefined ? {} : { targetId: q.target_id }) });
    return c.json({ events: rows.map(eventOut) }, 200);
  })
  .openapi(keys, async (c) => c.json({ keys: (await listSigningKeys(c.var.stores)).map(keyOut) }, 200))
  .openapi(rotate, async (c) =>
    c.json(
      {
        keys: (
          await rotateSigningKeyNow(c.var.stores, { rootSecret: c.env.N2K_ROOT_SECRET, keyState: c.var.stores.keyState }, c.var.access.clientId, c.var.now)
        ).map(keyOut),
      },
      200,
    ),
  );
