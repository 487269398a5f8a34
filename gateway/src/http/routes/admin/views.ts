import { VIEW_ID_PATTERN } from '@need2know/schema';
import { createRoute, z } from '@hono/zod-openapi';
import { traceView } from '../../../services/oversight/trace-view.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';
import { iso } from './serialize.js';

const ViewTrace = z
  .object({
    view_id: z.string(),
    at: z.string(),
    officer_id: z.string(),
    officer_name: z.string(),
    agency_id: z.string(),
    purpose_id: z.string(),
    grant_id: z.string(),
    record_type: z.string(),
    disclosure_id: z.string().openapi({ description: 'The delivery the view opened; its log entry names the persons (keyed hashes)' }),
    log_index: z.number().openapi({ description: "The view's entry in the tamper-evident log (prove it with /v1/audit/proofs)" }),
    reveals: z.array(z.object({ at: z.string(), reason: z.string(), log_index: z.number() })),
  })
  .openapi('ViewTrace');

const route = createRoute({
  method: 'get',
  path: '/views/{view_id}',
  tags: ['admin'],
  summary: 'Trace a view: who opened what, when, under which grant (from a view id recovered from a leaked copy)',
  security: adminSecurity,
  request: { params: z.object({ view_id: z.string().regex(VIEW_ID_PATTERN) }) },
  responses: { 200: jsonOk(ViewTrace, 'The view'), ...adminProblems },
});

export const viewTraceRoutes = adminRouter().openapi(route, async (c) => {
  const { view, officerName, reveals } = await traceView({ ...c.var.stores, rootSecret: c.env.N2K_ROOT_SECRET }, c.req.valid('param').view_id);
  return c.json(
    {
      view_id: view.viewId,
      at: iso(view.at),
      officer_id: view.officerId,
      officer_name: officerName,
      agency_id: view.agencyId,
      purpose_id: view.purposeId,
      grant_id: view.grantId,
      record_type: view.recordType,
      disclosure_id: view.disclosureId,
      log_index: view.logIndex,
      reveals: reveals.map((r) => ({ at: iso(r.at), reason: r.reason, log_index: r.logIndex })),
    },
    200,
  );
});
