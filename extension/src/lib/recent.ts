/**
 * The viewer's recent list, as pure data: what a record is called and the request that opens it
 * again. Kept in the viewer page's memory only; never stored.
 */

import type { SearchRequest } from './search-options.js';

/** How many records the recent list keeps: a morning's worth of calls, short enough to scan. */
export const RECENT_MAX = 10;

/** A record opened in this session: what it is called, and the request that opens it again. */
export interface RecentEntry {
  readonly key: string;
  readonly type: string;
  readonly title: string;
  readonly request: SearchRequest;
}

/**
 * `entry` first, without an earlier entry for the same record, at most {@link RECENT_MAX}. The list
 * lives in the viewer page's memory only: it is never stored, and goes when the page closes or the
 * grant ends.
 */
export function remember(list: readonly RecentEntry[], entry: RecentEntry): RecentEntry[] {
  return [entry, ...list.filter((e) => e.key !== entry.key)].slice(0, RECENT_MAX);
}
