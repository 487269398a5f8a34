import { createRoute, z } from '@hono/zod-openapi';
import { officerShareOf } from '../../../services/access/limits.js';
import { Problem, type ProblemIssue } from '../../../platform/errors/problem.js';
import { randomToken } from '../../../platform/lib/random.js';
import { checkPurposeRules } from '@need2know/policy';
import { purposeWidenings } from '@need2know/policy';
import type { Purpose as StoredPurpose } from '@need2know/policy';
import { commitChange } from '../../../store/d1/admin-events.js';
import { listAgencies } from '../../../store/d1/agencies.js';
import { getPurpose, insertPurpose, listPurposes, updatePurpose } from '../../../store/d1/purposes.js';
import { openAdminRequest } from './admin-requests-apply.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { Purpose, PurposeCreate, PurposeUpdate, Slug } from './schemas.js';
import { purposeOut } from './serialize.js';

type Body = z.infer<typeof PurposeUpdate>;

async function checkPurpose(db: D1Database, body: Omit<Body, 'reason'>): Promise<ProblemIssue[]> {
  const issues: ProblemIssue[] = checkPurposeRules(body.rules);
  const known = new Set((await listAgencies(db)).map((a) => a.id));
  body.agencies.forEach((a, i) => {
    if (!known.has(a)) issues.push({ path: `agencies.${i}`, code: 'unknown_agency', message: 'no such agency' });
  });
  if ((body.officer_requests_per_minute ?? 0) > body.requests_per_minute) issues.push({ path: 'officer_requests_per_minute', code: 'above_grant_limit', message: 'at most requests_per_minute' });
  if ((body.officer_persons_per_hour ?? 0) > body.persons_per_hour) issues.push({ path: 'officer_persons_per_hour', code: 'above_grant_limit', message: 'at most persons_per_hour' });
  return issues;
}

const fields = (body: Omit<Body, 'reason'>) => ({
  title: body.title,
  legalBasis: body.legal_basis,
  description: body.description,
  rules: body.rules,
  actions: [...new Set(body.actions)],
  agencies: [...new Set(body.agencies)],
  maxTokenLifetime: body.max_token_lifetime,
  requestsPerMinute: body.requests_per_minute,
  personsPerHour: body.persons_per_hour,
  officerRequestsPerMinute: body.officer_requests_per_minute ?? officerShareOf(body.requests_per_minute),
  officerPersonsPerHour: body.officer_persons_per_hour ?? officerShareOf(body.persons_per_hour),
  notificationDelayDays: body.notification_delay_days,
  allowUnblurredMedia: body.allow_unblurred_media,
  status: body.status,
});

const IdParam = z.object({ id: Slug });

const list = createRoute({ method: 'get', path: '/purposes', tags: ['admin'], summary: 'List purposes', security: adminSecurity, responses: { 200: jsonOk(z.object({ purposes: z.array(Purpose) }), 'Purposes'), ...adminProblems } });
const get = createRoute({ method: 'get', path: '/purposes/{id}', tags: ['admin'], summary: 'Read a purpose', security: adminSecurity, request: { params: IdParam }, responses: { 200: jsonOk(Purpose, 'The purpose'), ...adminProblems } });
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
    202: jsonOk(z.object({ pending_request: z.string(), widenings: z.array(z.string()) }).openapi('PurposeChangePending'), 'Widening change waiting for approval'),
    ...adminProblems,
  },
});

export const purposeRoutes = adminRouter()
  .openapi(list, async (c) => c.json({ purposes: (await listPurposes(c.env.DB)).map(purposeOut) }, 200))
  .openapi(get, async (c) => {
    const purpose = await getPurpose(c.env.DB, c.req.valid('param').id);
    if (purpose === null) throw new Problem(404, 'not_found');
    c.header('etag', `"${purpose.etag}"`);
    return c.json(purposeOut(purpose), 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const issues = await checkPurpose(c.env.DB, body);
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The purpose is not valid.', { issues });
    const now = c.var.now;
    const purpose: StoredPurpose = { id: body.id, ...fields(body), version: 1, etag: randomToken(), createdBy: c.var.access.clientId, createdAt: now, updatedAt: now };
    const outcome = await commitChange(c.env.DB, [insertPurpose(c.env.DB, purpose)], {
      at: now,
      actor: c.var.access.clientId,
      action: 'purpose.create',
      targetType: 'purpose',
      targetId: purpose.id,
      detail: { version: 1, rules: purpose.rules, agencies: purpose.agencies, actions: purpose.actions },
    });
    if (!outcome.ok) throw new Problem(409, 'conflict', 'A purpose with this id exists.');
    c.header('etag', `"${purpose.etag}"`);
    return c.json(purposeOut(purpose), 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const current = await getPurpose(c.env.DB, id);
    if (current === null) throw new Problem(404, 'not_found');
    const ifMatch = c.req.valid('header')['if-match'];
    if (ifMatch !== undefined && ifMatch !== `"${current.etag}"`) throw new Problem(409, 'conflict', 'The purpose changed since you read it.');
    const issues = await checkPurpose(c.env.DB, body);
    if (issues.length > 0) throw new Problem(400, 'validation_failed', 'The purpose is not valid.', { issues });
    const now = c.var.now;
    const proposed = fields(body);
    const widenings = purposeWidenings(current, proposed);
    if (widenings.length > 0) {
      // Letting more out waits for a second officer; the purpose stays as it is until then.
      const request = await openAdminRequest(c.env.DB, 'purpose.update', 'purpose', id, { etag: current.etag, purpose: proposed, widenings }, c.var.access.clientId, body.reason, now);
      return c.json({ pending_request: request, widenings }, 202);
    }
    const next: StoredPurpose = { ...current, ...proposed, version: current.version + 1, etag: randomToken(), updatedAt: now };
    const outcome = await commitChange(
      c.env.DB,
      [updatePurpose(c.env.DB, next, current.etag)],
      {
        at: now,
        actor: c.var.access.clientId,
        action: 'purpose.update',
        targetType: 'purpose',
        targetId: id,
        detail: { version: next.version, rules: next.rules, agencies: next.agencies, actions: next.actions, status: next.status, reason: body.reason },
      },
      { table: 'purposes', id, etag: next.etag },
    );
    if (!outcome.ok) throw new Problem(409, 'conflict', 'The purpose changed meanwhile; read it again.');
    c.header('etag', `"${next.etag}"`);
    return c.json(purposeOut(next), 200);
  });
