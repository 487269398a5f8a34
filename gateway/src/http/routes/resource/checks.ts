import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RECORD_ID_PATTERN } from '@need2know/schema';
import type { AppEnv } from '../../app-env.js';
import { ownerToday } from '../../../platform/env.js';
import { answerCheck, CHECKS, findPersons, type Check } from '../../../services/access/checks.js';
import { rowScopeOf } from '../../../services/records/row-scope.js';
import { deliver } from '../../../services/access/deliver.js';
import { beginRecordRequest } from '../../../services/access/preamble.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';
import { Problem } from '../../../platform/errors/problem.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { bindRequest } from '../../middleware/request-binding.js';
import { requireStatedReason } from '../../middleware/stated-reason.js';
import { StatedReasonHeaders, statedReasonProblem } from './stated-reason-headers.js';
import { adminProblems } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import { disclosureRequest, sealedAnswer } from './sealed-answer.js';
import { issuerOf, recordReaderOf } from '../../../services/stores.js';

const Subject = z.union([
  z.object({ national_id: z.string().max(40) }).strict(),
  z.object({ name_latin: z.string().max(200), date_of_birth: z.string().max(20) }).strict(),
  z.object({ person_id: z.string().regex(RECORD_ID_PATTERN) }).strict(),
]);
const CheckBody = z
  .object({ subject: Subject, criterion: z.number().int().min(1).max(5).optional() })
  .strict()
  .openapi('CheckRequest');

/** The purpose rule that opens each check: record type, field, and the modes that allow it. */
const CHECK_FIELD: Record<Check, { type: string; field: string }> = {
  red_notice: { type: 'person', field: 'red_notice' },
  blacklist: { type: 'person', field: 'blacklist' },
  criterion: { type: 'case', field: 'criterion' },
};

const checkRoute = createRoute({
  method: 'post',
  path: '/checks/{check}',
  tags: ['records'],
  summary: 'Answer yes/no about a person (red notice, blacklisted today, any case in criterion N) without disclosing a record',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_access', { spendProofWithLog: true }), bindRequest, requireStatedReason('check')] as const,
  request: {
    params: z.object({ check: z.enum(CHECKS) }),
    headers: StatedReasonHeaders,
    body: { required: true, content: { 'application/json': { schema: CheckBody } } },
  },
  responses: {
    200: {
      description: 'Sealed answer `{ check, answer }` (see the record routes for the sealing)',
      content: { [DISCLOSURE_MEDIA_TYPE]: { schema: z.string() } },
    },
    ...adminProblems,
    400: statedReasonProblem,
  },
});

/** `POST /v1/checks/{check}`: predicate checks. */
export const checkRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(checkRoute, async (c) => {
  const { check } = c.req.valid('param');
  const body = c.req.valid('json');
  const { access } = c.var;
  const req = beginRecordRequest(access, 'check', null);
  const rule = CHECK_FIELD[check];
  const granted = access.recordAccess;
  const mode = req.purpose.rules[rule.type]?.[rule.field];
  if (!granted.fields[rule.type]?.includes(rule.field) || (mode !== 'predicate' && mode !== 'clear')) {
    throw new Problem(403, 'insufficient_scope', 'The purpose does not allow this check.');
  }
  if (check === 'criterion' && body.criterion === undefined)
    throw new Problem(400, 'validation_failed', 'A criterion check names the criterion (1–5).', {
      issues: [{ path: 'criterion', code: 'required', message: 'required' }],
    });
  // Only the field the answer needs is opened (see findPersons: known and unknown cost the same).
  const scope = rowScopeOf(access);
  const persons = await findPersons(recordReaderOf(c.env, c.var.stores), body.subject, rule.type === 'person' ? [rule.field] : [], granted.record_ids, scope);
  const today = ownerToday(c.env, c.var.now);
  const answer = await answerCheck(recordReaderOf(c.env, c.var.stores), check, persons, today, body.criterion, scope);
  const delivered = await deliver(c.var.stores, issuerOf(c.env, c.var.stores), access, disclosureRequest(c), {
    action: 'check',
    recordType: rule.type,
    payload: { check, ...(body.criterion === undefined ? {} : { criterion: body.criterion }), answer },
    subjectIds: persons.map((p) => p.id),
    fields: { [rule.field]: 'predicate' },
    purpose: req.purpose,
    forViewer: false,
  });
  return sealedAnswer(delivered);
});
