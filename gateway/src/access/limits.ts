import type { Admission } from '../durable/rate-limiter.js';
import type { GatewayEnv } from '../env.js';
import { Problem } from '../errors/problem.js';
import type { Purpose } from '../policy/types.js';

function limiter(env: GatewayEnv, scope: string) {
  return env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(scope));
}

/** The rate-limit scope of a grant (officers of a grant get their own scope in the viewer). */
export const grantScope = (grantId: string) => `grant:${grantId}`;

/**
 * Counts one request against the purpose's per-minute limit for the grant and, when the answer is
 * about people, those persons against its per-hour limit: one call, atomic in the limiter.
 */
export function admit(env: GatewayEnv, scope: string, purpose: Purpose, subjects: readonly string[], now: number): Promise<Admission> {
  return limiter(env, scope).admit(now, purpose.requestsPerMinute, subjects, purpose.personsPerHour);
}

/** The 429 problem for a refused admission. */
export function rateLimited(admission: Extract<Admission, { ok: false }>): Problem {
  return new Problem(429, 'rate_limited', `Limit reached: ${admission.limit.replace(/_/g, ' ')}.`, { headers: { 'retry-after': String(admission.retryAfter) } });
}
