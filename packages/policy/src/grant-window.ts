import type { Grant } from './types.js';

/**
 * Whether `grant` allows disclosure at `now`: approved, not suspended or revoked, and inside its
 * window. This is the one test every token issuance and every resource request applies.
 */
export function grantIsLive(grant: Grant, now: number): boolean {
  return grant.status === 'active' && grant.notBefore <= now && now < grant.notAfter;
}
