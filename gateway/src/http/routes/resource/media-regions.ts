import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { FACE_REMOVAL_REASONS, MAX_MEDIA_REGIONS, MAX_REGION_NOTE, REGION_REASONS } from '@need2know/policy';
import type { AppEnv } from '../../app-env.js';
import { Problem } from '../../../platform/errors/problem.js';
import { editRegions } from '../../../services/media/regions/edit-regions.js';
import { mediaSettingsOf } from '../../../services/media/settings.js';
import { requireAccessToken } from '../../middleware/access-token.js';
import { adminProblems, jsonOk } from '../admin/responses.js';
import { validationHook } from '../validation-hook.js';

/**
 * Most entries a body's lists may hold before the policy looks at them: a body bound, not the rule.
 * The rule (`MAX_MEDIA_REGIONS`) is the policy's and answers `too_many_regions`.
 */
const MAX_LISTED = 1000;

/** A reason travels as a string and is checked by the policy, so an unknown one gets the stable `unknown_reason`. */
const reason = (known: readonly string[]) =>
  z
    .string()
    .max(64)
    .openapi({ description: `One of ${known.map((r) => `\`${r}\``).join(', ')}` });
const note = z
  .string()
  .max(MAX_REGION_NOTE * 4)
  .optional()
  .openapi({
    description: `What the region is, in at most ${MAX_REGION_NOTE} characters; required when the reason is \`other\`. Sealed at rest; the log holds its keyed hash only`,
  });
const pixel = z.number().openapi({ description: 'Whole pixels of the upright picture' });

/** The two lists of an edit, as the regions route and the upload form (`regions` part, JSON) take them. */
export const regionLists = {
  regions: z
    .array(z.object({ x: pixel, y: pixel, width: pixel, height: pixel, reason: reason(REGION_REASONS), note }).strict())
    .max(MAX_LISTED)
    .openapi({ description: `Every region to hide, at most ${MAX_MEDIA_REGIONS}; the whole set, replacing the last` }),
  removed_faces: z
    .array(
      z
        .object({
          face: z.number().openapi({ description: 'Position of the face in `faces` (highest score first)' }),
          reason: reason(FACE_REMOVAL_REASONS),
          note,
        })
        .strict(),
    )
    .max(MAX_LISTED)
    .default([])
    .openapi({ description: 'Automatic face boxes the detector drew over something that is not a person to protect, each with its reason' }),
};

/** An upload's `regions` part, once its JSON is read. */
export const RegionLists = z.object(regionLists).strict();

const RegionEditBody = z
  .object({
    ref: z.string().min(1).max(200).openapi({ description: 'The media reference, exactly as stored (no suffix)', example: 'media/case/case-00000042/1.jpg' }),
    ...regionLists,
  })
  .strict()
  .openapi('MediaRegionEdit');

const Applied = z
  .object({
    ref: z.string(),
    regions: z.number(),
    removed_faces: z.number(),
    faces: z
      .array(z.object({ face: z.number(), x: z.number(), y: z.number(), width: z.number(), height: z.number(), score: z.number(), removed: z.boolean() }))
      .openapi({ description: 'The faces the detector found at upload, with their boxes and scores' }),
    redaction: z.enum(['redacted', 'blurred']).openapi({
      description:
        'The rendition now protecting the persons shown: `blurred` when no confident face is left (manual regions never vouch that nobody else is in the picture)',
    }),
  })
  .openapi('MediaRegionsApplied');

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ code: z.string() }) } } });

const route = createRoute({
  method: 'put',
  path: '/ingest/media/regions',
  tags: ['ingest'],
  summary:
    'Set the manual redaction regions of one of your photos: boxes to hide, each with a reason, and automatic face boxes to take away, each with a reason',
  description:
    'For a photo its record flags (it was examined for faces at upload). Every region and reason is logged (a `media_regions` entry: boxes and reason codes, free text as a keyed hash, never a pixel), then the redacted rendition is re-made from the sealed original: ' +
    "the faces found, less those taken away, and every region, pixelated and blurred with a margin. The original is never altered. The body is the whole set: it replaces the last; an empty set restores the detector's redaction. " +
    "Refused with `validation_failed` and `issues` (`region_outside_image`, `unknown_reason`, `note_required`, `note_too_long`, `too_many_regions`, `unknown_face`, `duplicate_face`); another owner's or a missing photo is the same 404; a photo never examined is 409 `media_not_examined`.",
  security: [{ DPoP: [] }],
  middleware: [requireAccessToken('record_ingest')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: RegionEditBody } } } },
  responses: {
    200: jsonOk(Applied, 'Applied'),
    ...adminProblems,
    409: problem('The photo was never examined for faces (`media_not_examined`), or was replaced meanwhile (`conflict`)'),
    422: problem(
      'A region outside the picture, an unknown reason, a missing or long note, too many regions, an unknown face (`validation_failed`, with `issues`)',
    ),
  },
});

/** `PUT /v1/ingest/media/regions`: data owners hide what the face detector does not find, with a reason each. */
export const mediaRegionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
  const body = c.req.valid('json');
  const access = c.var.access;
  // Only a system that may ingest the types media belong to may touch their redaction.
  if (!access.recordIngest.record_types.some((t) => t === 'person' || t === 'case'))
    throw new Problem(403, 'insufficient_scope', 'This token does not allow ingesting records that hold media.');
  const applied = await editRegions(c.var.stores, mediaSettingsOf(c.env), {
    owner: access.agencyId,
    clientId: access.clientId,
    ref: body.ref,
    edit: { regions: body.regions, removedFaces: body.removed_faces },
    now: c.var.now,
  });
  // Logged (before it is stored) by editRegions.
  return c.json(applied, 200);
});
