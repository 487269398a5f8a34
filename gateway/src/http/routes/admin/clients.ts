import { createRoute, z } from '@hono/zod-openapi';
import { recordType } from '@need2know/schema';
import type { JSONWebKeySet, JWK } from 'jose';
import { Problem, type ProblemIssue } from '../../../platform/errors/problem.js';
import { randomToken } from '../../../platform/lib/random.js';
import { isPublicEncryptionJwk, isPublicSigningJwk } from '@need2know/policy';
import { voidsOpenCodes } from '@need2know/policy';
import { NEW_CLIENT, planClientChange } from '@need2know/policy';
import type { ClientKind } from '@need2know/policy';
import { commitChange } from '../../../store/d1/admin-events.js';
import { getAgency } from '../../../store/d1/agencies.js';
import { getClient, insertClient, listClients, updateClient, type Client as StoredClient } from '../../../store/d1/clients.js';
import { voidCodes } from '../../../store/d1/enrolment-codes.js';
import { openAdminRequest } from './admin-requests-apply.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Client, ClientCreate, ClientPatch, Slug } from './schemas.js';
import { clientOut } from './serialize.js';

/** Checks keys and ingest types; returns the issues (empty when valid). */
function checkClient(kind: ClientKind, jwks: readonly Record<string, unknown>[], encryption: Record<string, unknown> | undefined, ingestTypes: readonly string[]): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  jwks.forEach((k, i) => {
    if (!isPublicSigningJwk(k as JWK)) issues.push({ path: `signing_jwks.keys.${i}`, code: 'invalid_key', message: 'must be a public Ed25519 or P-256 key' });
  });
  const kids = jwks.map((k) => k.kid);
  if (jwks.length > 1 && (kids.some((kid) => typeof kid !== 'string') || new Set(kids).size !== kids.length)) {
    issues.push({ path: 'signing_jwks.keys', code: 'kid_required', message: 'several keys need distinct kid values' });
  }
  if (encryption !== undefined && !isPublicEncryptionJwk(encryption as JWK)) {
    issues.push({ path: 'encryption_jwk', code: 'invalid_key', message: 'must be a public P-256 or X25519 key' });
  }
  if (kind === 'partner' && encryption === undefined) issues.push({ path: 'encryption_jwk', code: 'required', message: 'partners need a key to seal deliveries to' });
  if (kind !== 'data_owner' && ingestTypes.length > 0) issues.push({ path: 'ingest_types', code: 'not_allowed', message: 'only data owners ingest' });
  ingestTypes.forEach((t, i) => {
    if (recordType(t) === undefined) issues.push({ path: `ingest_types.${i}`, code: 'unknown_record_type', message: 'no such record type' });
  });
  return issues;
}

const IdParam = z.object({ id: Slug });
const ClientWithRequests = Client.extend({ pending_requests: z.array(z.string()).openapi({ description: 'Requests opened by this call, waiting for a second officer' }) }).openapi('ClientChange');

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
    const clients = await listClients(c.env.DB, { ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }), ...(q.kind === undefined ? {} : { kind: q.kind }) });
    return c.json({ clients: clients.map(clientOut) }, 200);
  })
  .openapi(get, async (c) => {
    const client = await getClient(c.env.DB, c.req.valid('param').id);
    if (client === null) throw new Problem(404, 'not_found');
    return c.json(clientOut(client), 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const issues = checkClient(body.kind, body.signing_jwks.keys, body.encryption_jwk, body.ingest_types);
    if (body.kind === 'officer') issues.push({ path: 'kind', code: 'use_officers', message: 'officers are created through /officers and enrol their own keys' });
    if (body.kind !== 'privacy_officer' && body.roles.length > 0) issues.push({ path: 'roles', code: 'not_allowed', message: 'only privacy officers hold roles' });
    if ((await getAgency(c.env.DB, body.agency_id)) === null) issues.push({ path: 'agency_id', code: 'unknown_agency', message: 'no such agency' });
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The client is not valid.', { issues });
    const now = c.var.now;
    const client: StoredClient = {
      id: body.id,
      kind: body.kind,
      agencyId: body.agency_id,
      name: body.name,
      signingJwks: body.signing_jwks as unknown as JSONWebKeySet,
      encryptionJwk: (body.encryption_jwk ?? null) as JWK | null,
      ingestTypes: [...new Set(body.ingest_types)],
      roles: [...new Set(body.roles)],
      // A new client of any kind gives a key access: it can act only once a second officer approves it.
      status: NEW_CLIENT.status,
      etag: randomToken(),
      createdAt: now,
      updatedAt: now,
    };
    const outcome = await commitChange(c.env.DB, [insertClient(c.env.DB, client)], {
      at: now,
      actor: c.var.access.clientId,
      action: 'client.create',
      targetType: 'client',
      targetId: client.id,
      detail: { kind: client.kind, agency: client.agencyId, ingest_types: client.ingestTypes, roles: client.roles },
    });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'A client with this id exists.');
    const pending = [await openAdminRequest(c.env.DB, NEW_CLIENT.request, 'client', client.id, { etag: client.etag }, c.var.access.clientId, `new ${client.kind}`, now)];
    return c.json({ ...clientOut(client), pending_requests: pending }, 201);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const current = await getClient(c.env.DB, id);
    if (current === null) throw new Problem(404, 'not_found');
    const plan = planClientChange(current, { ...(body.name === undefined ? {} : { name: body.name }), ...(body.status === undefined ? {} : { status: body.status }), newKeys: body.signing_jwks !== undefined || body.encryption_jwk !== undefined }, c.var.access.clientId);
    if (plan.kind === 'refuse') throw new Problem(409, plan.code, plan.reason);
    const jwks = body.signing_jwks?.keys ?? (current.signingJwks.keys as unknown as Record<string, unknown>[]);
    const encryption = body.encryption_jwk ?? (current.encryptionJwk as Record<string, unknown> | null) ?? undefined;
    const issues = checkClient(current.kind, jwks, encryption, current.ingestTypes);
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The client is not valid.', { issues });
    const now = c.var.now;
    const actor = c.var.access.clientId;
    // Renaming and suspending apply at once; new keys and re-activation widen who can act, so they
    // wait for a second officer.
    let next: StoredClient = current;
    const { immediate } = plan;
    if (Object.keys(immediate).length > 0) {
      next = { ...current, ...immediate, etag: randomToken(), updatedAt: now };
      const outcome = await commitChange(
        c.env.DB,
        // Suspending an officer also voids any enrolment code they hold: suspension is final until approved otherwise.
        [updateClient(c.env.DB, next, current.etag), ...(immediate.status === 'suspended' && current.kind === 'officer' && voidsOpenCodes('suspended') ? [voidCodes(c.env.DB, id)] : [])],
        { at: now, actor, action: immediate.status === 'suspended' ? 'client.suspend' : 'client.update', targetType: 'client', targetId: id, detail: { changed: Object.keys(immediate), reason: body.reason } },
        { table: 'clients', id, etag: next.etag },
      );
      if (!outcome.ok) throw new Problem(409, 'conflict', 'The client changed meanwhile; read it again.');
    }
    const pending: string[] = [];
    for (const kind of plan.requests) {
      const payload = kind === 'client.rekey' ? { etag: next.etag, signing_jwks: { keys: jwks }, encryption_jwk: encryption ?? null } : { etag: next.etag };
      pending.push(await openAdminRequest(c.env.DB, kind, 'client', id, payload, actor, body.reason, now));
    }
    return c.json({ ...clientOut(next), pending_requests: pending }, 200);
  });
