import { createRoute, z } from '@hono/zod-openapi';
import { createPurpose } from '../../../services/purposes/create-purpose.js';
import type { PurposeTermsAsked } from '../../../services/purposes/purpose-terms.js';
import { listRegisteredPurposes, readPurpose } from '../../../services/purposes/read-purposes.js';
import { replacePurpose } from '../../../services/purposes/update-purpose.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { normalisedScope, Purpose, PurposeCreate, PurposeUpdate, Slug } from './schemas.js';
import { purposeOut } from './serialize.js';

/** The terms a create or replace body asks for, as the purpose services take them. */
const termsAsked = (body: Omit<z.infer<typeof PurposeUpdate>, 'reason'>): PurposeTermsAsked => ({
  title: body.title,
  ...(body.title_km === undefined ? {} : { titleKm: body.title_km }),
  legalBasis: body.legal_basis,
  description: body.description,
  rules: body.rules,
  actions: body.actions,
  agencies: body.agencies,
  maxTokenLifetime: body.max_token_lifetime,
  requestsPerMinute: body.requests_per_minute,
  personsPerHour: body.persons_per_hour,
  ...(body.officer_requests_per_minute === undefined ? {} : { officerRequestsPerMinute: body.officer_requests_per_minute }),
  ...(body.officer_persons_per_hour === undefined ? {} : { officerPersonsPerHour: body.officer_persons_per_hour }),
  notificationDelayDays: body.notification_delay_days,
  allowUnblurredMedia: body.allow_unblurred_media,
  rowScope: normalisedScope(body.row_scope),
  copyable: body.copyable,
  ...(body.reason_required === undefined ? {} : { reasonRequired: body.reason_required }),
  status: body.status,
});

const IdParam = z.object({ id: Slug });

const list = createRoute({
  method: 'get',
  path: '/purposes',
  tags: ['admin'],
  summary: 'List purposes',
  security: adminSecurity,
  responses: { 200: jsonOk(z.object({ purposes: z.array(Purpose) }), 'Purposes'), ...adminProblems },
});
const get = createRoute({
  method: 'get',
  path: '/purposes/{id}',
  tags: ['admin'],
  summary: 'Read a purpose',
  security: adminSecurity,
  request: { params: IdParam },
  responses: { 200: jsonOk(Purpose, 'The purpose'), ...adminProblems },
});
const create = createRoute({
  method: 'post',
  path: '/purposes',
  tags: ['admin'],
  summary: 'Register a purpose: legal basis, fields and disclosure modes, agencies, limits',
  security: adminSecurity,
  request: jsonBody(PurposeCreate),
  responses: { 201: jsonOk(Purpose, 'Created'), ...adminProblems },
});
const update = createRoute({
  method: 'put',
  path: '/purposes/{id}',
  tags: ['admin'],
  summary: 'Replace a purpose: narrowing applies at once (200); anything that widens it waits for a second officer (202). Send If-Match with the ETag you read',
  security: adminSecurity,
  request: { params: IdParam, headers: z.object({ 'if-match': z.string().max(100).optional() }), ...jsonBody(PurposeUpdate) },
  responses: {
    200: jsonOk(Purpose, 'Updated'),
    202: jsonOk(
      z.object({ pending_request: z.string(), widenings: z.array(z.string()) }).openapi('PurposeChangePending'),
      'Widening change waiting for approval',
    ),
    ...adminProblems,
  },
});

export const purposeRoutes = adminRouter()
  .openapi(list, async (c) => c.json({ purposes: (await listRegisteredPurposes(c.var.stores)).map(purposeOut) }, 200))
  .openapi(get, async (c) => {
    const purpose = await readPurpose(c.var.stores, c.req.valid('param').id);
    c.header('etag', `"${purpose.etag}"`);
    return c.json(purposeOut(purpose), 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const purpose = await createPurpose(c.var.stores, body.id, termsAsked(body), c.var.access.clientId, c.var.now);
    c.header('etag', `"${purpose.etag}"`);
    return c.json(purposeOut(purpose), 201);
  })
  .openapi(update, async (c) => {
    const body = c.req.valid('json');
    const outcome = await replacePurpose(
      c.var.stores,
      c.req.valid('param').id,
      termsAsked(body),
      c.req.valid('header')['if-match'],
      body.reason,
      c.var.access.clientId,
      c.var.now,
    );
    // Letting more out waits for a second officer; the purpose stays as it is until then.
    if (outcome.kind === 'pending') return c.json({ pending_request: outcome.request, widenings: [...outcome.widenings] }, 202);
    c.header('etag', `"${outcome.purpose.etag}"`);
    return c.json(purposeOut(outcome.purpose), 200);
  });
