import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { Problem } from '../../platform/errors/problem.js';

/**
 * Turns a schema violation into a `validation_failed` problem listing where and why — but never the
 * submitted value, which may be personal data.
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issues = result.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.') || '(body)', code: i.code, message: safeMessage(i) }));
  throw new Problem(400, 'validation_failed', 'The request does not match the schema.', { issues });
};

/** Zod's message for structural issues; a generic one where Zod might quote the input. */
function safeMessage(issue: { code: string; message: string }): string {
  switch (issue.code) {
    case 'invalid_type':
    case 'too_small':
    case 'too_big':
    case 'unrecognized_keys':
    case 'invalid_format':
      return issue.message;
    default:
      return 'invalid value';
  }
}
