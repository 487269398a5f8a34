import type { Grant } from './types.js';

/** What decides whether a grant is live: its status and its window (record and statistics grants alike). */
export type GrantWindow = Pick<Grant, 'status' | 'notBefore' | 'notAfter'>;

/**
 * Whether `grant` allows disclosure at `now`: approved, not suspended or revoked, and inside its
 * window. This is the one test every token issuance and every resource request applies, for record
 * and statistics grants alike.
 */
export function grantIsLive(grant: GrantWindow, now: number): boolean {
  return grant.status === 'active' && grant.notBefore <= now && now < grant.notAfter;
}
