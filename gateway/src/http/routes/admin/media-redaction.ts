import { createRoute, z } from '@hono/zod-openapi';
import { encodeBase64 } from '@need2know/crypto';
import { auditRedaction } from '../../../services/media/audit-redaction.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonBody, jsonOk } from './responses.js';
import { ProblemSchema } from './schemas.js';
import { iso } from './serialize.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const AuditRequest = z
  .object({
    owner: z.string().min(1).max(64).openapi({ description: 'The data owner (agency id) the photo belongs to' }),
    ref: z.string().min(1).max(400).openapi({ description: 'The reference records name the photo by (in the body, never the URL)' }),
    rendition: z.enum(['protected', 'redacted', 'blurred', 'original']).default('protected').openapi({
      description:
        '`protected`: what the photo goes out as in place of its people; `original`: the protected rendition and, beside it, the original, only while two leadership officers’ approval of your request to audit this photo’s original is in force (`/v1/admin/media/original-audits`), else 403 `leadership_approval_required`',
    }),
  })
  .strict()
  .openapi('RedactionAuditRequest');

const Box = { x: z.number(), y: z.number(), width: z.number(), height: z.number() };
const RedactionAudit = z
  .object({
    ref: z.string(),
    owner: z.string(),
    record_type: z.string(),
    field: z.string(),
    width: z.number(),
    height: z.number(),
    uploaded_at: z.string(),
    uploaded_by: z.string(),
    protection: z
      .enum(['redacted', 'blurred'])
      .nullable()
      .openapi({ description: 'What the photo goes out as when faces may not be shown; null: never examined (not flagged at upload)' }),
    shown: z.object({
      rendition: z.enum(['redacted', 'blurred']),
      content_type: z.enum(['image/png', 'image/jpeg']),
      data: z.string().openapi({ description: 'base64' }),
    }),
    original: z
      .object({
        content_type: z.enum(['image/png', 'image/jpeg']),
        data: z.string().openapi({ description: 'base64' }),
        approval: z.string().openapi({ description: 'The request whose leadership approval released it' }),
        until: z.string().openapi({ description: 'When that approval lapses' }),
      })
      .nullable()
      .openapi({ description: 'The original, only when asked for and released; its opening is logged with the approval and its reason first' }),
    detection: z
      .object({
        detector: z.string(),
        version: z.string(),
        score_min: z.number(),
        faces: z.array(
          z.object({ face: z.number(), ...Box, score: z.number(), removed: z.object({ reason: z.string(), note: z.string().nullable() }).nullable() }),
        ),
      })
      .nullable(),
    regions: z
      .object({
        set_by: z.string(),
        set_at: z.string(),
        regions: z.array(z.object({ ...Box, reason: z.string(), note: z.string().nullable() })),
      })
      .nullable(),
    event_seq: z.number().openapi({ description: 'The audit itself, in the administrative chain (`/v1/admin/events`)' }),
  })
  .openapi('RedactionAudit');

const route = createRoute({
  method: 'post',
  path: '/media/redaction',
  tags: ['admin'],
  summary:
    "Audit a photo's redaction: its protected rendition, the faces found and the owner's regions with reasons and who set them; the original beside them only under a leadership approval in force for you and this photo. Recorded as an administrative event",
  security: adminSecurity,
  request: jsonBody(AuditRequest),
  responses: {
    200: jsonOk(RedactionAudit, 'The redaction'),
    ...adminProblems,
    403: problem(
      'Not a privacy officer token (`insufficient_scope`), or the original without a leadership approval in force for you and this photo (`leadership_approval_required`)',
    ),
    404: problem('No such photo, or another owner’s (the same answer: `not_found`)'),
    409: problem('No such rendition for this photo (`rendition_not_stored`)'),
  },
});

export const mediaRedactionRoutes = adminRouter().openapi(route, async (c) => {
  const body = c.req.valid('json');
  const audit = await auditRedaction(c.var.stores, mediaSettingsOf(c.env), { actor: c.var.access.clientId, ...body, now: c.var.now });
  const { item, detection, regions } = audit;
  return c.json(
    {
      ref: item.ref,
      owner: item.owner,
      record_type: item.recordType,
      field: item.field,
      width: item.width,
      height: item.height,
      uploaded_at: iso(item.ingestedAt),
      uploaded_by: item.ingestedBy,
      protection: item.protectedRendition,
      shown: { rendition: audit.shown.rendition, content_type: audit.shown.contentType, data: encodeBase64(audit.shown.bytes) },
      original:
        audit.original === null
          ? null
          : {
              content_type: audit.original.contentType,
              data: encodeBase64(audit.original.bytes),
              approval: audit.original.approval,
              until: iso(audit.original.until),
            },
      detection:
        detection === null
          ? null
          : {
              detector: detection.detector,
              version: detection.version,
              score_min: detection.scoreMin,
              faces: detection.faces.map((f) => ({ face: f.face, x: f.x, y: f.y, width: f.width, height: f.height, score: f.score, removed: f.removed })),
            },
      regions: regions === null ? null : { set_by: regions.setBy, set_at: iso(regions.setAt), regions: regions.regions.map((r) => ({ ...r })) },
      event_seq: audit.eventSeq,
    },
    200,
  );
});
