import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RECORD_TYPES } from '@need2know/schema';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { ingestMedia } from '../../../services/media/ingest-media.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { MAX_MEDIA_BYTES, MAX_MEDIA_UPLOAD_BYTES, MEDIA_TYPES } from '../../../services/media/limits.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { routeBodyLimit } from '../../middleware/body-limits.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';
import type { RegionEdit } from '@need2know/policy';
import { RegionLists } from './media-regions.js';

/** Longest `regions` part: 64 regions with notes of 200 characters fit several times over. */
const MAX_REGIONS_PART = 64 * 1024;

const file = (description: string) =>
  z.custom<File>((v) => v instanceof File, { message: 'must be a file part' }).openapi({ type: 'string', format: 'binary', description });

const Upload = z
  .object({
    record_type: z
      .enum(Object.keys(RECORD_TYPES) as [string, ...string[]])
      .openapi({ description: 'Type of the record that names the reference (`person`, `case`)' }),
    record_id: z.string().min(1).max(64).openapi({ description: 'Id of that record (its current version must name `ref`)' }),
    ref: z.string().min(1).max(200).openapi({
      description: 'The media reference, exactly as in the record (`photo_ref`, `evidence[].media_ref`)',
      example: 'media/case/case-00000042/1.jpg',
    }),
    original: file(`The picture, ${MEDIA_TYPES.join(' or ')}, at most ${MAX_MEDIA_BYTES} bytes, with that content type on its part`),
    blurred: file('Not accepted: the gateway decodes and blurs every photo itself (sending one is refused with `blurred_not_accepted`)').optional(),
    regions: z.string().max(MAX_REGIONS_PART).optional().openapi({
      description:
        'For a flagged photo, its manual regions at once (JSON: `{ "regions": [...], "removed_faces": [...] }`, as `PUT /v1/ingest/media/regions` takes them): applied before the photo is stored, so it never leaves without them',
    }),
  })
  .strict()
  .openapi('MediaUpload');

const Stored = z
  .object({
    ref: z.string(),
    record_type: z.string(),
    record_id: z.string(),
    field: z.string(),
    content_type: z.enum(MEDIA_TYPES),
    bytes: z.number().openapi({ description: 'Size of the stored original, metadata (EXIF, text chunks) removed' }),
    width: z.number(),
    height: z.number(),
    flagged: z.boolean().openapi({ description: "The record releases this reference blurred today (flagged, or a minor's photo)" }),
    blurred: z.object({ content_type: z.enum(MEDIA_TYPES), bytes: z.number(), by: z.enum(['gateway', 'owner']) }).nullable(),
    regions: z.number().openapi({ description: 'Manual regions and face removals stored with the photo' }),
    redaction: z
      .object({ rendition: z.enum(['redacted', 'blurred']), faces: z.number(), detector: z.string() })
      .nullable()
      .openapi({
        description:
          "Flagged photos: faces found by the gateway; `redacted` (faces blurred, scene kept) when one scored the confidence floor, `blurred` (whole frame) otherwise. Stored sealed with the detector, its version and every box's score.",
      }),
    outcome: z.enum(['created', 'replaced']),
  })
  .openapi('MediaStored');

/** An upload's `regions` part read at the edge: JSON of the regions route's two lists, or a 422 naming the part. */
function regionEdit(text: string): RegionEdit {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Problem(422, 'validation_failed', 'regions: not JSON', {
      issues: [{ path: 'regions', code: 'invalid_json', message: 'regions: a JSON object with "regions" and "removed_faces"' }],
    });
  }
  const parsed = RegionLists.safeParse(json);
  if (!parsed.success)
    throw new Problem(422, 'validation_failed', 'regions: not a region edit', {
      issues: parsed.error.issues.map((i) => ({ path: ['regions', ...i.path].join('.'), code: 'invalid', message: i.message })),
    });
  return { regions: parsed.data.regions, removedFaces: parsed.data.removed_faces };
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } });

/** Refuses anything but a multipart form before the body is read (415, not a schema error). */
const multipartOnly = createMiddleware<AppEnv>(async function multipartOnly(c, next) {
  if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? '')) throw new Problem(415, 'unsupported_media_type', 'Send multipart/form-data.');
  await next();
});

const route = createRoute({
  method: 'put',
  path: '/ingest/media',
  tags: ['ingest'],
  summary: 'Upload the picture behind a media reference of one of your records; stored sealed, with a blurred rendition',
  description:
    'PNG and JPEG (baseline or progressive, grey or colour; not CMYK): the gateway strips metadata, decodes the picture upright (EXIF orientation applied) and makes the blurred rendition itself. ' +
    "A file that does not decode is refused with the decoder's code in `issues` (`ERR_IMAGE_TRUNCATED`, `ERR_IMAGE_CORRUPT`, `ERR_IMAGE_CMYK`, `ERR_IMAGE_UNSUPPORTED`; `ERR_IMAGE_TOO_LARGE` with 413 for a picture of more pixels than the gateway decodes, read from its header). " +
    'EXIF, XMP, comments and embedded thumbnails are removed from every JPEG stored; the original keeps only its orientation. Uploading again replaces the item.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest'), multipartOnly, routeBodyLimit(MAX_MEDIA_UPLOAD_BYTES)] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: Upload } } } },
  responses: {
    200: jsonOk(Stored, 'Stored'),
    413: problem('A file or the body is too large (`body_too_large`)'),
    415: problem('Not multipart, or a file that is not image/png or image/jpeg (`unsupported_media_type`)'),
    422: problem(
      'The record does not name the reference, a file does not match its type or does not decode, or a blurred file was sent along (`validation_failed`, with `issues`)',
    ),
    ...adminProblems,
  },
});

/** `PUT /v1/ingest/media`: data owners upload the pictures their records refer to. */
export const mediaIngestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const form = c.req.valid('form');
  const access = c.var.access;
  if (!access.recordIngest.record_types.includes(form.record_type)) {
    throw new Problem(403, 'insufficient_scope', 'This token does not allow ingesting this record type.');
  }
  const part = async (f: File) => ({ bytes: new Uint8Array(await f.arrayBuffer()), declaredType: f.type });
  const stored = await ingestMedia(c.var.stores, mediaSettingsOf(c.env), {
    owner: access.agencyId,
    clientId: access.clientId,
    recordType: form.record_type,
    recordId: form.record_id,
    ref: form.ref,
    original: await part(form.original),
    blurred: form.blurred === undefined ? undefined : await part(form.blurred),
    regions: form.regions === undefined ? undefined : regionEdit(form.regions),
    now: c.var.now,
  });
  // Logged (before it is stored) by ingestMedia.
  return c.json(stored, 200);
});
