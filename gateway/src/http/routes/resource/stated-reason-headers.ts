import { z } from '@hono/zod-openapi';
import { MAX_REASON_CHARS, MAX_REFERENCE_CHARS } from '@need2know/policy';

/**
 * The request headers of a stated reason, as the OpenAPI document shows them on every record route.
 * Left as plain strings here: `requireStatedReason` has policy's `decideRequestReason` judge them,
 * so that a refusal is counted and logged like any other rather than answered by the schema.
 */
export const StatedReasonHeaders = z.object({
  'n2k-reference': z
    .string()
    .optional()
    .openapi({
      description: `The case or outbreak number the request is for (after X-Road's \`X-Road-Issue\`): ASCII letters and digits with \`-_./:\` between them, at most ${MAX_REFERENCE_CHARS}. Required, with \`N2K-Reason\`, by purposes with \`reason_required\`; logged in clear with the disclosure and shown in the subject access report.`,
      example: 'PP-2026-0412',
    }),
  'n2k-reason': z
    .string()
    .optional()
    .openapi({
      description: `Why the request is made, as percent-encoded UTF-8 (RFC 3986 §2.1; spaces may stay as they are), so Khmer travels: at most ${MAX_REASON_CHARS} characters once decoded, no control, line-break or direction-override characters. Kept sealed (it may name people), logged as a keyed hash, shown in the subject access report.`,
      example: 'bail review',
    }),
  traceparent: z.string().optional().openapi({
    description:
      'W3C Trace Context (https://www.w3.org/TR/trace-context/): logged with the disclosure so it can be followed into your own systems. An invalid one is ignored, never refused.',
    example: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  }),
});

/** The 400 a record route answers for a stated reason: missing where the purpose requires it, or malformed. */
export const statedReasonProblem = {
  description:
    '`reason_required`: the purpose requires `N2K-Reference` and `N2K-Reason` and one is missing; `reason_invalid`: one is malformed (`issues` name which, never the value). Counted against the limits and logged like any refusal. (Also `validation_failed` for a malformed body or query.)',
  content: {
    'application/problem+json': {
      schema: z.object({ code: z.string(), issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional() }),
    },
  },
};
