import type * as z from 'zod';
import { issueMessage, type ValidationIssueCode } from './issues.js';

/**
 * Report a validation failure with one of our stable codes. The code travels in `params` so that
 * {@link toValidationIssues} can recover it; the message comes from the catalogue, never from the input.
 */
export function fail(ctx: z.RefinementCtx, code: ValidationIssueCode, detail?: string, path?: readonly PropertyKey[]): void {
  ctx.addIssue({ code: 'custom', message: issueMessage(code, detail), params: { code }, ...(path ? { path: [...path] } : {}) });
}
