import { createRoute, z } from '@hono/zod-openapi';
import { decodeBase64, encodeBase64 } from '@need2know/crypto';
import { REWRAP_BATCH } from '../../../platform/config.js';
import { Problem } from '../../../platform/errors/problem.js';
import { fieldKeyStatus, retireOldFieldKeyVersions, rotateFieldKeyVersion, type FieldKeyStatus } from '../../../services/keys/field-key-versions.js';
import { rewrapBatch } from '../../../services/records/rewrap.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';

const Status = z
  .object({ current_version: z.number(), oldest_version: z.number(), record_versions_by_key_version: z.record(z.string(), z.number()) })
  .openapi('FieldKeyStatus');
const Cursor = z.object({ type: z.string(), id: z.string(), version: z.number() });
const Progress = z
  .object({
    current_version: z.number(),
    moved: z.number().openapi({ description: 'Record versions, photos, video parts and reasons moved by this call' }),
    remaining: z.number().openapi({ description: 'All of those still under an older version, unreadable ones included' }),
    signing_keys: z.number().openapi({ description: 'Wrapped signing keys moved by this call' }),
    unreadable: z.array(Cursor).openapi({ description: 'Parts that did not open (records, photos, video parts, reasons): an integrity alarm, skipped' }),
    next: z.string().nullable().openapi({ description: 'Pass as `after` to continue; null at the end of a pass' }),
  })
  .openapi('RewrapProgress');

const encodeCursor = (c: z.infer<typeof Cursor>) => encodeBase64(new TextEncoder().encode(JSON.stringify([c.type, c.id, c.version])));
function decodeCursor(text: string): z.infer<typeof Cursor> {
  try {
    const bytes = decodeBase64(text);
    if (bytes === undefined) throw new TypeError('not base64');
    const [type, id, version] = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)) as [unknown, unknown, unknown];
    return Cursor.parse({ type, id, version });
  } catch {
    throw new Problem(400, 'validation_failed', 'The cursor is not valid.');
  }
}

const status = createRoute({
  method: 'get',
  path: '/field-keys',
  tags: ['admin'],
  summary: 'Field-key versions and how many record versions use each',
  security: adminSecurity,
  responses: { 200: jsonOk(Status, 'Status'), ...adminProblems },
});
const rotate = createRoute({
  method: 'post',
  path: '/field-keys/rotate',
  tags: ['admin'],
  summary: 'Seal new data under a new field-key version (old versions still open)',
  security: adminSecurity,
  responses: { 200: jsonOk(Status, 'Status after rotation'), ...adminProblems },
});
const rewrap = createRoute({
  method: 'post',
  path: '/field-keys/rewrap',
  tags: ['admin'],
  summary: 'Move one batch of sealed data to the current field-key version; repeat until nothing more moves',
  description:
    'Re-wraps what is sealed under an older field-key version: record versions (paged by `after`/`next`), and each call a ' +
    'few photos, video parts (manifests, chunks and play keys), reveal reasons and stated request reasons, plus every ' +
    'wrapped signing key. Call again with `next` until it is null, then start a new pass while a call still moves ' +
    'something. Parts that do not open are skipped and named in `unreadable` on every call that meets them.',
  security: adminSecurity,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(REWRAP_BATCH), after: z.string().max(400).optional() }) },
  responses: { 200: jsonOk(Progress, 'Progress'), ...adminProblems },
});
const retire = createRoute({
  method: 'post',
  path: '/field-keys/retire',
  tags: ['admin'],
  summary: 'Refuse field keys below the current version from now on (only once nothing needs them)',
  security: adminSecurity,
  responses: { 200: jsonOk(Status, 'Status after retirement'), ...adminProblems },
});

const statusOut = (s: FieldKeyStatus) => ({
  current_version: s.current,
  oldest_version: s.oldest,
  record_versions_by_key_version: { ...s.recordVersionsByKeyVersion },
});

export const fieldKeyRoutes = adminRouter()
  .openapi(status, async (c) => c.json(statusOut(await fieldKeyStatus(c.var.stores)), 200))
  // The version bump and its administrative event are one batch (see rotateFieldKeys).
  .openapi(rotate, async (c) => c.json(statusOut(await rotateFieldKeyVersion(c.var.stores, c.var.access.clientId, c.var.now)), 200))
  .openapi(rewrap, async (c) => {
    const { limit, after } = c.req.valid('query');
    const progress = await rewrapBatch({ ...c.var.stores, rootSecret: c.env.N2K_ROOT_SECRET }, limit, after === undefined ? undefined : decodeCursor(after));
    return c.json(
      {
        current_version: progress.currentVersion,
        moved: progress.moved,
        remaining: progress.remaining,
        signing_keys: progress.signingKeys,
        unreadable: [...progress.unreadable],
        next: progress.next === null ? null : encodeCursor(progress.next),
      },
      200,
    );
  })
  .openapi(retire, async (c) => c.json(statusOut(await retireOldFieldKeyVersions(c.var.stores, c.var.access.clientId, c.var.now)), 200));
