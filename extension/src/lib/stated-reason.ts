import { z } from 'zod';

/**
 * The reference and reason an officer states before a search or an opened record, when the grant's
 * purpose requires them (issue 16): the background sends them as `N2K-Reference` and `N2K-Reason`
 * with the record request and with the photos of the record it opened. The gateway's rule decides
 * (`@need2know/policy`, request-reason.ts); this schema only keeps obviously wrong input from being
 * sent, with the same bounds.
 */

/** Longest reference and reason (the gateway's `MAX_REFERENCE_CHARS`, `MAX_REASON_CHARS`). */
export const MAX_REFERENCE = 64;
export const MAX_REASON = 200;

/** A case or outbreak number: letters and digits with `-_./:` between them (`PP-2026-0412`). */
const REFERENCE = /^[A-Za-z0-9](?:[A-Za-z0-9._/:-]*[A-Za-z0-9])?$/;
/** Controls, line breaks and direction overrides: never in a reason (Khmer's zero-width space is fine). */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export const Stated = z
  .object({
    reference: z.string().max(MAX_REFERENCE).regex(REFERENCE),
    reason: z
      .string()
      .trim()
      .min(1)
      .refine((s) => [...s].length <= MAX_REASON && !FORBIDDEN.test(s)),
  })
  .strict();
export type Stated = z.infer<typeof Stated>;

/** Where the last reference is kept: the viewer tab's session (gone when the tab or browser closes). */
const LAST_REFERENCE_KEY = 'n2k.viewer.last-reference';

/** The reference the officer last stated in this session, to offer again ('' when none). */
export function lastReference(store: Pick<Storage, 'getItem'> = sessionStorage): string {
  return store.getItem(LAST_REFERENCE_KEY) ?? '';
}

/** Remembers `reference` for the next search or opened record in this session. */
export function rememberReference(reference: string, store: Pick<Storage, 'setItem'> = sessionStorage): void {
  store.setItem(LAST_REFERENCE_KEY, reference);
}
