import { createRoute, z } from '@hono/zod-openapi';
import { changeClient } from '../../../services/registry/change-client.js';
import { listRegisteredClients, readClient } from '../../../services/registry/read-clients.js';
import { registerClient } from '../../../services/registry/register-client.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Client, ClientCreate, ClientPatch, Slug } from './schemas.js';
import { clientOut } from './serialize.js';

const IdParam = z.object({ id: Slug });
const ClientWithRequests = Client.extend({
  pending_requests: z.array(z.string()).openapi({ description: 'Requests opened by this call, waiting for a second officer' }),
}).openapi('ClientChange');

const list = createRoute({
  method: 'get',
  path: '/clients',
  tags: ['admin'],
  summary: 'List clients',
  security: adminSecurity,
  request: { query: z.object({ agency_id: Slug.optional(), kind: z.enum(['partner', 'data_owner', 'privacy_officer', 'officer']).optional() }) },
  responses: { 200: jsonOk(z.object({ clients: z.array(Client) }), 'Clients'), ...adminProblems },
});
const get = createRoute({
  method: 'get',
  path: '/clients/{id}',
  tags: ['admin'],
  summary: 'Read a client',
  security: adminSecurity,
  request: { params: IdParam },
  responses: { 200: jsonOk(Client, 'The client'), ...adminProblems },
});
const create = createRoute({
  method: 'post',
  path: '/clients',
  tags: ['admin'],
  summary: "Register an agency's system or a privacy officer (public keys only)",
  security: adminSecurity,
  request: jsonBody(ClientCreate),
  responses: { 201: jsonOk(ClientWithRequests, 'Created, suspended until a second officer approves the request it opened'), ...adminProblems },
});
const patch = createRoute({
  method: 'patch',
  path: '/clients/{id}',
  tags: ['admin'],
  summary: 'Suspend, resume, rename or re-key a client',
  security: adminSecurity,
  request: { params: IdParam, ...jsonBody(ClientPatch) },
  responses: { 200: jsonOk(ClientWithRequests, 'Updated; new keys and re-activation wait for approval'), ...adminProblems },
});

export const clientRoutes = adminRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const clients = await listRegisteredClients(c.var.stores, {
      ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }),
      ...(q.kind === undefined ? {} : { kind: q.kind }),
    });
    return c.json({ clients: clients.map(clientOut) }, 200);
  })
  .openapi(get, async (c) => c.json(clientOut(await readClient(c.var.stores, c.req.valid('param').id)), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const asked = {
      id: body.id,
      kind: body.kind,
      agencyId: body.agency_id,
      name: body.name,
      signingKeys: body.signing_jwks.keys,
      encryptionKey: body.encryption_jwk,
      ingestTypes: body.ingest_types,
      roles: body.roles,
    };
    const { client, pendingRequests } = await registerClient(c.var.stores, asked, c.var.access.clientId, c.var.now);
    return c.json({ ...clientOut(client), pending_requests: [...pendingRequests] }, 201);
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const asked = {
      reason: body.reason,
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.status === undefined ? {} : { status: body.status }),
      ...(body.signing_jwks === undefined ? {} : { signingKeys: body.signing_jwks.keys }),
      ...(body.encryption_jwk === undefined ? {} : { encryptionKey: body.encryption_jwk }),
    };
    const { client, pendingRequests } = await changeClient(c.var.stores, c.req.valid('param').id, asked, c.var.access.clientId, c.var.now);
    return c.json({ ...clientOut(client), pending_requests: [...pendingRequests] }, 200);
  });
