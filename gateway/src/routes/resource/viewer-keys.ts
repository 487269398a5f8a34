import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.js';
import { recordDisclosure } from '../../access/audit.js';
import { releaseViewerKey, sealViewerKeyTo, viewerKeyId } from '../../delivery/viewer-seal.js';
import { Problem } from '../../errors/problem.js';
import { sha256b64url } from '../../lib/digest.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { getClient } from '../../storage/clients.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

const KeyRequest = z.object({ epoch: z.number().int().min(0).max(10_000_000) }).strict().openapi('ViewerKeyRequest');
const KeyResponse = z
  .object({ kid: z.string(), destroy_at: z.number(), key: z.string().openapi({ description: 'The viewer key as an `oct` JWK, sealed to the caller (compact JWE, ECDH-ES + A256GCM)' }) })
  .openapi('ViewerKey');

const route = createRoute({
  method: 'post',
  path: '/viewer-keys',
  tags: ['records'],
  summary: "Release the grant's viewer key of one epoch, while it exists, sealed to the caller",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access'), bindRequest] as const,
  request: { body: { required: true, content: { 'application/json': { schema: KeyRequest } } } },
  responses: {
    200: jsonOk(KeyResponse, 'The key, sealed'),
    410: { description: 'Destroyed (`key_destroyed`): what it sealed can no longer be opened', content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } },
    ...adminProblems,
  },
});

/** `POST /v1/viewer-keys`: the viewer gets the key for what it holds, or learns it is gone. */
export const viewerKeyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const { epoch } = c.req.valid('json');
  const { access, now, requestHash } = c.var;
  const grant = access.grant;
  if (grant === undefined) throw new Error('record access middleware did not run');
  const kid = viewerKeyId(grant.id, epoch);
  const released = await releaseViewerKey(c.env, grant.id, epoch, now);
  const entry = { at: now, clientId: access.clientId, agencyId: access.agencyId, purposeId: grant.purposeId, grantId: grant.id, action: 'viewer_key' as const, recordType: '', subjects: [], fields: {}, requestHash };
  if (released === null) {
    await recordDisclosure(c.env, { ...entry, id: crypto.randomUUID(), responseHash: '', outcome: 'key_destroyed' });
    throw new Problem(410, 'key_destroyed', 'This viewer key no longer exists; what it sealed can no longer be opened.');
  }
  const client = await getClient(c.env.DB, access.clientId);
  if (client?.encryptionJwk == null) throw new Problem(403, 'forbidden', 'The client has no encryption key registered.');
  const key = await sealViewerKeyTo(client.encryptionJwk, kid, released.key);
  await recordDisclosure(c.env, { ...entry, id: crypto.randomUUID(), responseHash: await sha256b64url(key), outcome: 'disclosed' });
  return c.json({ kid, destroy_at: released.destroyAt, key }, 200, { 'cache-control': 'no-store' });
});
