import { createRoute, z } from '@hono/zod-openapi';
import { MAX_DELIVERED_MEDIA_BYTES, MAX_SCALED_COPY_BATCH, SCALED_COPY_BATCH } from '../../../services/media/limits.js';
import { makeScaledCopies } from '../../../services/media/scaled-copies.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';

const Progress = z
  .object({
    made: z.number().openapi({ description: 'Copies at the working size made and stored by this call' }),
    failed: z
      .array(
        z.object({
          ref: z.string(),
          reason: z.enum(['unreadable', 'undecodable', 'copy_too_large']).openapi({
            description:
              '`unreadable`: the original does not open (an integrity alarm); `undecodable`: it opens but does not decode; `copy_too_large`: even its copy would not fit a sealed answer',
          }),
        }),
      )
      .openapi({ description: 'Originals met by this call of which no copy could be made (reported on every pass that meets them); left as they are' }),
    remaining: z.number().openapi({ description: 'Originals still without a copy, those that failed included' }),
    next: z.string().nullable().openapi({ description: 'Pass as `after` to continue; null at the end of a pass' }),
  })
  .openapi('ScaledCopyProgress');

const run = createRoute({
  method: 'post',
  path: '/media/scaled-copies',
  tags: ['admin'],
  summary: 'Make the missing copies at the working size of large stored originals, one batch per call; repeat until a pass makes nothing',
  description:
    `An original over ${MAX_DELIVERED_MEDIA_BYTES} bytes is delivered as its copy at the working size (at most 2048 × 2048, JPEG), made at upload; ` +
    'one stored before such copies were made is refused with `media_too_large` until this job has made its copy. Each call opens, decodes and ' +
    're-encodes a few originals exactly as an upload does, seals each copy and stores it beside the item (only while the item is unchanged). ' +
    'Call again with `next` until it is null, then start a new pass while a pass still makes something. Logged as the administrative event ' +
    '`media.scaled_copies` (counts only).',
  security: adminSecurity,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_SCALED_COPY_BATCH).default(SCALED_COPY_BATCH),
      after: z.string().min(1).max(200).optional().openapi({ description: 'The `next` of the previous call' }),
    }),
  },
  responses: { 200: jsonOk(Progress, 'Progress'), ...adminProblems },
});

/** `POST /v1/admin/media/scaled-copies`: the scaled-copy job, run by a privacy officer like the field-key re-wrap. */
export const mediaScaledCopyRoutes = adminRouter().openapi(run, async (c) => {
  const { limit, after } = c.req.valid('query');
  const progress = await makeScaledCopies(c.var.stores, mediaSettingsOf(c.env), c.var.access.clientId, c.var.now, limit, after);
  return c.json({ made: progress.made, failed: [...progress.failed], remaining: progress.remaining, next: progress.next }, 200);
});
