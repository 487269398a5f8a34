import type { Admission, AdmissionRequest, LimitName } from '../../store/ports/objects.js';
import { Problem } from '../../platform/errors/problem.js';
import type { Purpose } from '@need2know/policy';

/**
 * By default one client may use 1/OFFICER_SHARE of a grant's limits: no single officer or system can
 * spend the whole budget its colleagues share, or reach it alone.
 */
export const OFFICER_SHARE = 2;

/** The default per-client limit for a grant total of `total` (at least 1). */
export const officerShareOf = (total: number) => Math.max(1, Math.ceil(total / OFFICER_SHARE));

/** The rate-limit scope of a grant: every client under it shares this total. */
export const grantScope = (grantId: string) => `grant:${grantId}`;

/** The rate-limit scope of one client (an officer or a system) under a grant. */
export const clientScope = (grantId: string, clientId: string) => `grant:${grantId}/client:${clientId}`;

/** How each limit reads in a refusal. */
const LIMIT_TEXT: Record<LimitName, string> = {
  requests_per_minute: "the grant's requests per minute",
  persons_per_hour: "the grant's distinct persons per hour",
  officer_requests_per_minute: 'your own requests per minute under this grant',
  officer_persons_per_hour: 'your own distinct persons per hour under this grant',
};

/**
 * What one request under `grantId` by `clientId` is counted against: the purpose's per-minute and
 * per-hour limits for the grant as a whole, and its per-officer limits for this client alone.
 * `subjects` are the keyed hashes of the persons the answer is about (none for a refusal).
 */
export function admissionFor(purpose: Purpose, grantId: string, clientId: string, subjects: readonly string[], now: number): AdmissionRequest {
  return {
    now,
    subjects,
    budgets: [
      {
        scope: grantScope(grantId),
        requestsPerMinute: purpose.requestsPerMinute,
        personsPerHour: purpose.personsPerHour,
        requestLimit: 'requests_per_minute',
        personLimit: 'persons_per_hour',
      },
      {
        scope: clientScope(grantId, clientId),
        requestsPerMinute: purpose.officerRequestsPerMinute,
        personsPerHour: purpose.officerPersonsPerHour,
        requestLimit: 'officer_requests_per_minute',
        personLimit: 'officer_persons_per_hour',
      },
    ],
  };
}

/** The 429 problem for a refused admission: which limit, and when to try again (`Retry-After`). */
export function rateLimited(admission: Extract<Admission, { ok: false }>): Problem {
  return new Problem(429, 'rate_limited', `Limit reached: ${LIMIT_TEXT[admission.limit]}.`, {
    headers: { 'retry-after': String(admission.retryAfter) },
    extensions: { limit: admission.limit, retry_after: admission.retryAfter },
  });
}
