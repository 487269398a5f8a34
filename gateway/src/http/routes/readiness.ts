import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { readiness } from '../../services/health/readiness.js';

const Problem = z.object({
  check: z.enum(['root_secret', 'key_check', 'migrations', 'audit_log']),
  code: z.string().openapi({ example: 'secret_weak' }),
  message: z.string().openapi({ description: 'What is wrong and how to fix it; never a secret or a stored value' }),
});
const Readiness = z.object({ status: z.enum(['ready', 'not_ready']), problems: z.array(Problem) }).openapi('Readiness');

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Liveness: the Worker answers. Checks nothing else, costs nothing',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'Readiness: whether the gateway can serve, and if not what is wrong',
  description:
    'Checks the root secret (set, base64url, at least 32 bytes), that it is the secret the gateway first started with (a key-check value stored in D1), ' +
    'that D1 has every migration this version needs, and that the audit log object answers. While the secret is wrong every other route answers 503.',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Readiness } } },
    503: { description: 'Not ready: each problem says what and how to fix it', content: { 'application/json': { schema: Readiness } } },
  },
});

/** `/healthz` (liveness) and `/readyz` (readiness). */
export const healthRoutes = new OpenAPIHono<AppEnv>()
  .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(readyz, async (c) => {
    const verdict = await readiness(c.var.stores, c.env.N2K_ROOT_SECRET, c.var.now);
    return c.json({ status: verdict.ready ? ('ready' as const) : ('not_ready' as const), problems: verdict.problems }, verdict.ready ? 200 : 503, {
      'cache-control': 'no-store',
    });
  });
