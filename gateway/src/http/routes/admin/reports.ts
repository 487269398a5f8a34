import { createRoute, z } from '@hono/zod-openapi';
import { agencyUsage } from '../../../services/access/reports.js';
import { subjectAccessReport } from '../../../services/oversight/subject-access-report.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { iso } from './serialize.js';

const SubjectAccess = z
  .object({ national_id: z.string().max(40), reason: z.string().trim().min(1).max(500) })
  .strict()
  .openapi('SubjectAccessRequest');
const subjectAccess = createRoute({
  method: 'post',
  path: '/reports/subject-access',
  tags: ['admin'],
  summary:
    "Every disclosure of a person's data (on that person's request), each with its inclusion proof in a signed checkpoint; the national ID travels in the body, never the URL",
  security: adminSecurity,
  request: jsonBody(SubjectAccess),
  responses: {
    200: jsonOk(
      z
        .object({
          checkpoint: z.string(),
          disclosures: z.array(
            z.object({
              at: z.string(),
              agency: z.string(),
              purpose: z.string(),
              grant: z.string(),
              action: z.string(),
              record_type: z.string(),
              fields: z.record(z.string(), z.string()),
              log_index: z.number(),
              reference: z.string().nullable().openapi({ description: 'The case or outbreak number the caller stated (N2K-Reference), as logged' }),
              reason: z.string().nullable().openapi({
                description: 'The reason the caller stated (N2K-Reason), opened from its sealed copy; the log entry names it by a keyed hash (`reason_hash`)',
              }),
              traceparent: z.string().nullable().openapi({ description: "The caller's W3C traceparent, to follow the request into its own systems" }),
              log_entry: z.record(z.string(), z.unknown()),
              inclusion_proof: z.array(z.string()),
            }),
          ),
          withheld_for_now: z.number().openapi({ description: 'Disclosures under purposes with delayed notification, shown once the delay has passed' }),
        })
        .openapi('SubjectAccessReport'),
      'The report',
    ),
    ...adminProblems,
  },
});
const usage = createRoute({
  method: 'get',
  path: '/reports/agency-usage',
  tags: ['admin'],
  summary: 'Per day, agency and purpose: answers, distinct persons, fields disclosed, refusals and limit hits',
  security: adminSecurity,
  request: { query: z.object({ agency_id: z.string().max(64).optional(), days: z.coerce.number().int().min(1).max(366).default(30) }) },
  responses: {
    200: jsonOk(z.object({ rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))) }).openapi('AgencyUsageReport'), 'Rows'),
    ...adminProblems,
  },
});

export const reportRoutes = adminRouter()
  .openapi(subjectAccess, async (c) => {
    const { national_id, reason } = c.req.valid('json');
    const report = await subjectAccessReport(
      { ...c.var.stores, rootSecret: c.env.N2K_ROOT_SECRET },
      c.env.N2K_PUBLIC_URL,
      national_id,
      reason,
      c.var.access.clientId,
      c.var.now,
    );
    const disclosures = report.disclosures.map((d) => ({
      at: iso(d.at),
      agency: d.agencyId,
      purpose: d.purposeId,
      grant: d.grantId,
      action: d.action,
      record_type: d.recordType,
      fields: d.fields,
      log_index: d.logIndex,
      reference: d.reference,
      reason: d.reason,
      traceparent: d.traceparent,
      log_entry: d.logEntry,
      inclusion_proof: [...d.inclusionProof],
    }));
    return c.json({ checkpoint: report.checkpoint, disclosures, withheld_for_now: report.withheld }, 200);
  })
  .openapi(usage, async (c) => {
    const { agency_id, days } = c.req.valid('query');
    const now = c.var.now;
    const rows = await agencyUsage(c.var.stores, now - days * 86_400, now + 1, agency_id);
    return c.json(
      {
        rows: rows.map((r) => ({
          day: r.day,
          agency: r.agencyId,
          purpose: r.purposeId,
          disclosures: r.disclosures,
          persons: r.persons,
          fields_disclosed: r.fieldsDisclosed,
          not_found: r.notFound,
          rate_limited: r.rateLimited,
          keys_destroyed: r.keysDestroyed,
          reason_refused: r.reasonRefused,
        })),
      },
      200,
    );
  });
