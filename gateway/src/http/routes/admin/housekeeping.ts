import { createRoute, z } from '@hono/zod-openapi';
import { runHousekeeping } from '../../../services/housekeeping.js';
import { issuerOf } from '../../../services/stores.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';

const Report = z
  .object({
    expired_grants: z.array(z.string()),
    shredded_grants: z.array(z.string()),
    logged_admin_events: z.number(),
    purged_revocations: z.number(),
    rotated_key: z.string().nullable(),
    signed_checkpoint: z.number().nullable(),
    sealed_reveal_reasons: z.number(),
    moved_media: z.number().openapi({ description: 'Media items moved from D1 into the object store by this run' }),
    media_left_to_move: z.number().openapi({ description: 'Media items whose chunks are still (partly) in D1' }),
    swept_media_objects: z.number().openapi({ description: 'Media object sets no item names, deleted by this run' }),
  })
  .openapi('HousekeepingReport');

const run = createRoute({
  method: 'post',
  path: '/housekeeping',
  tags: ['admin'],
  summary:
    "Run the scheduled job now: expire grants whose window ended, sign the log's checkpoint, purge dead revocations, rotate the signing key when due, move media still in D1 into the object store and delete media objects no item names",
  security: adminSecurity,
  responses: { 200: jsonOk(Report, 'What the run did'), ...adminProblems },
});

export const housekeepingRoutes = adminRouter().openapi(run, async (c) => {
  const report = await runHousekeeping(c.var.stores, issuerOf(c.env, c.var.stores), c.var.now);
  return c.json(
    {
      expired_grants: report.expiredGrants,
      shredded_grants: report.shreddedGrants,
      logged_admin_events: report.loggedAdminEvents,
      purged_revocations: report.purgedRevocations,
      rotated_key: report.rotatedKey,
      signed_checkpoint: report.signedCheckpoint,
      sealed_reveal_reasons: report.sealedRevealReasons,
      moved_media: report.movedMedia,
      media_left_to_move: report.mediaLeftToMove,
      swept_media_objects: report.sweptMediaObjects,
    },
    200,
  );
});
