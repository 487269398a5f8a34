import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RECORD_TYPES } from '@need2know/schema';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { cancelVideoUpload } from '../../../services/video/cancel-upload.js';
import { completeVideoUpload } from '../../../services/video/complete-upload.js';
import { MAX_VIDEO_CHUNK_BODY, MAX_VIDEO_MANIFEST_BODY } from '../../../services/video/limits.js';
import { receiveVideoChunk } from '../../../services/video/receive-chunk.js';
import { startVideoUpload } from '../../../services/video/start-upload.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { routeBodyLimit } from '../../middleware/body-limits.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } });

const StartUpload = z
  .object({
    record_type: z.enum(Object.keys(RECORD_TYPES) as [string, ...string[]]).openapi({ description: 'Type of the record that names the video (`case`)' }),
    record_id: z.string().min(1).max(64),
    ref: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "The evidence item's `media_ref` (an item of kind `video`)", example: 'media/case/case-00000042/2.mp4' }),
    manifest: z.unknown().openapi({
      type: 'object',
      description: 'The redaction manifest (`VideoRedactionManifest` of `@need2know/schema/video-manifest`), checked before any video byte is sent',
    }),
  })
  .strict()
  .openapi('VideoUploadStart');

const FileCounts = z.object({ original: z.number(), redacted: z.number().nullable(), blurred: z.number() });

const Opened = z
  .object({
    upload_id: z.string(),
    chunk_bytes: z.number().openapi({ description: 'Every chunk but the last of a file is exactly this long' }),
    chunks: FileCounts.openapi({ description: 'Chunks each file takes (`redacted` null: none is sent)' }),
    expires_at: z.number().openapi({ description: 'Unix seconds; an upload not completed by then is deleted' }),
    manifest_sha256: z.string(),
  })
  .openapi('VideoUploadOpened');

const Chunk = z.object({ file: z.string(), seq: z.number(), bytes: z.number() }).openapi('VideoChunkStored');

const Completed = z
  .object({
    ref: z.string(),
    manifest_sha256: z.string().openapi({ description: 'SHA-256 (hex) of the manifest, as logged at ingest' }),
    log_index: z.number().openapi({ description: 'Where the `media_ingest` entry stands in the log' }),
    outcome: z.enum(['created', 'replaced']),
    redaction: z.enum(['redacted', 'blurred']),
  })
  .openapi('VideoStored');

const Cancelled = z
  .object({
    upload_id: z.string(),
    ref: z.string(),
    cancelled_at: z.number().openapi({ description: 'Unix seconds' }),
    chunks: z.number().openapi({ description: 'Chunks the upload held, all deleted' }),
    bytes: z.number().openapi({ description: 'Their bytes' }),
    log_index: z.number().openapi({ description: 'Where the `media_upload_cancelled` entry stands in the log' }),
  })
  .openapi('VideoUploadCancelled');

const UploadId = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { name: 'id', in: 'path' } });

const startRoute = createRoute({
  method: 'post',
  path: '/ingest/media/videos',
  tags: ['ingest'],
  summary: 'Start uploading a redacted video for an evidence item of one of your records: the manifest first',
  description:
    'The record must name `ref` as evidence of kind `video`. The manifest is checked (its shape, sizes and length within the limits, boxes inside the frame, frames and time ranges inside the clip, `fail_safe` set exactly when `renditions.redacted` is null) before any video byte is sent. ' +
    'Then send each file in chunks (`PUT …/{id}/{file}/{n}`) and complete (`POST …/{id}/complete`), or cancel (`DELETE …/{id}`): each of these only by the client that opened the upload. ' +
    "The token must carry the record's type (`insufficient_scope`).",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest'), routeBodyLimit(MAX_VIDEO_MANIFEST_BODY)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: StartUpload } } } },
  responses: {
    201: jsonOk(Opened, 'Upload opened'),
    ...adminProblems,
    403: problem("Not a data owner's ingest token, or one that does not carry the record's type (`insufficient_scope`)"),
    413: problem(
      'Original over 500 MB, a rendition over 200 MB, a clip over 5 minutes, too many tracks or regions (`video_too_large`), or the body (`body_too_large`)',
    ),
    422: problem(
      'A malformed or inconsistent manifest (`invalid_manifest`, with `issues`), or a record that does not name the reference as a video (`validation_failed`)',
    ),
  },
});

const chunkRoute = createRoute({
  method: 'put',
  path: '/ingest/media/videos/{id}/{file}/{n}',
  tags: ['ingest'],
  summary: 'One chunk of a file of an open video upload, sealed and stored as it arrives',
  description:
    "`file` is `original`, `redacted` or `blurred`; `n` counts from 0. Body: `application/octet-stream`, exactly `chunk_bytes` (a file's last chunk: the rest), with `Content-Digest: sha-256=:…:` (RFC 9530). " +
    "A file's first chunk must start an MP4 file (`ftyp`); a rendition's, a fragmented one (`moov` with `mvex`). Sending a chunk again replaces it. " +
    "Only the client that opened the upload may send its chunks: any other client's token, even of the same data owner, is answered as for no such upload (404 `not_found`) and nothing is stored.",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest'), routeBodyLimit(MAX_VIDEO_CHUNK_BODY)] as const,
  request: {
    params: z.object({ id: UploadId, file: z.string().max(16), n: z.string().regex(/^\d{1,6}$/) }),
    body: { required: true, content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } },
  },
  responses: {
    200: jsonOk(Chunk, 'Stored'),
    ...adminProblems,
    400: problem('No or malformed `Content-Digest` (`digest_required`)'),
    403: problem("Not a data owner's ingest token, or one that no longer carries the upload's record type (`insufficient_scope`)"),
    404: problem("No such upload, or another client's (the same answer)"),
    409: problem('The upload is complete, or was since replaced by a newer upload of the reference (`upload_complete`)'),
    410: problem('The upload expired (`upload_expired`), or was cancelled (`upload_cancelled`)'),
    413: problem('Longer than the chunk size (`chunk_size_mismatch`, `body_too_large`)'),
    415: problem('Not `application/octet-stream` (`unsupported_media_type`), or a first chunk that is not MP4 (`not_mp4`)'),
    422: problem(
      "No such file or chunk (`chunk_out_of_range`), not the chunk's size (`chunk_size_mismatch`), not its digest (`digest_mismatch`), a rendition not fragmented (`not_fragmented_mp4`)",
    ),
  },
});

const completeRoute = createRoute({
  method: 'post',
  path: '/ingest/media/videos/{id}/complete',
  tags: ['ingest'],
  summary: 'Complete a video upload: sizes and SHA-256 checked against the manifest, the ingest logged with its hash, then the video disclosable',
  description:
    'Completing a completed upload (even one since replaced by a newer upload) answers the same result and logs nothing more. ' +
    "The token must still carry the upload's record type, as every chunk's must. " +
    'Only the client that opened the upload may complete it: any other client, even of the same data owner, is answered as for no such upload (404 `not_found`), whatever its state, and nothing is logged.',
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest')] as const,
  request: { params: z.object({ id: UploadId }) },
  responses: {
    200: jsonOk(Completed, 'Stored and logged'),
    ...adminProblems,
    403: problem("Not a data owner's ingest token, or one that no longer carries the upload's record type (`insufficient_scope`)"),
    404: problem("No such upload, or another client's (the same answer)"),
    409: problem("Chunks missing (`upload_incomplete`, with `issues`), or the reference holds another owner's video (`conflict`)"),
    410: problem('The upload expired (`upload_expired`), or was cancelled (`upload_cancelled`)'),
    422: problem("A file's size or SHA-256 is not the manifest's (`hash_mismatch`)"),
  },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: '/ingest/media/videos/{id}',
  tags: ['ingest'],
  summary: 'Cancel a video upload not yet completed: its chunks are deleted at once and the cancel logged',
  description:
    'Only the client that opened the upload may cancel it. The cancel is logged (`media_upload_cancelled`: the chunks and bytes dropped, never content) before the chunks are deleted. ' +
    'From then on a chunk or a completion of it is refused with `upload_cancelled`. Cancelling again answers the same result and logs nothing more. ' +
    'A completed upload is a stored video and is not cancelled: upload the video again to replace it. ' +
    "The client that opened the upload may cancel it even with a token that no longer carries the upload's record type: a cancel only removes what it sent.",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest')] as const,
  request: { params: z.object({ id: UploadId }) },
  responses: {
    200: jsonOk(Cancelled, 'Cancelled and logged; its chunks deleted'),
    ...adminProblems,
    403: problem("Not a data owner's ingest token (`insufficient_scope`)"),
    404: problem("No such upload, or another client's (the same answer)"),
    409: problem('The upload is complete, or was since replaced by a newer upload: a stored video is not cancelled (`upload_complete`)'),
    410: problem('The upload expired and was swept (`upload_expired`)'),
  },
});

/** Video upload routes for data owners: start (the manifest), chunks, complete, cancel. */
export const videoIngestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(startRoute, async (c) => {
    const body = c.req.valid('json');
    const access = c.var.access;
    const opened = await startVideoUpload(c.var.stores, mediaSettingsOf(c.env), {
      owner: access.agencyId,
      clientId: access.clientId,
      recordTypes: access.recordIngest.record_types,
      recordType: body.record_type,
      recordId: body.record_id,
      ref: body.ref,
      manifest: body.manifest,
      now: c.var.now,
    });
    return c.json(opened, 201);
  })
  .openapi(chunkRoute, async (c) => {
    const { id, file, n } = c.req.valid('param');
    if (!/^application\/octet-stream\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      throw new Problem(415, 'unsupported_media_type', 'Send application/octet-stream.');
    const stored = await receiveVideoChunk(c.var.stores, mediaSettingsOf(c.env), {
      owner: c.var.access.agencyId,
      clientId: c.var.access.clientId,
      recordTypes: c.var.access.recordIngest.record_types,
      uploadId: id,
      file,
      seq: Number(n),
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      digest: c.req.header('content-digest'),
      now: c.var.now,
    });
    return c.json(stored, 200);
  })
  .openapi(completeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const access = c.var.access;
    const done = await completeVideoUpload(c.var.stores, mediaSettingsOf(c.env), {
      owner: access.agencyId,
      clientId: access.clientId,
      recordTypes: access.recordIngest.record_types,
      uploadId: id,
      now: c.var.now,
    });
    // Logged (before the video became disclosable) by completeVideoUpload.
    return c.json(done, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const access = c.var.access;
    const cancelled = await cancelVideoUpload(c.var.stores, mediaSettingsOf(c.env), {
      owner: access.agencyId,
      clientId: access.clientId,
      recordTypes: access.recordIngest.record_types,
      uploadId: id,
      now: c.var.now,
    });
    // Logged (before its chunks were deleted) by cancelVideoUpload.
    return c.json(cancelled, 200);
  });
