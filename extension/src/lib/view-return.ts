import type { BlockedAction } from './messages.js';
import type { MessageKey } from './i18n/en.js';
import type { SessionAllows } from './search-options.js';

/**
 * How long the viewer keeps an opened record (hidden) after its window leaves the front: a return
 * within it asks the gateway to count it as the same view. The gateway's rule is policy's
 * `SAME_VIEW_RETURN_SECONDS` (a test keeps the two equal) and its answer is final: a refused return
 * opens the record again as a new view. Past this time the record is dropped from the page.
 */
export const SAME_VIEW_RETURN_MS = 2 * 60 * 1000;

/** What to do when the window is in front again after being hidden since `hiddenAt` (ms). */
export type ReturnPlan = 'ask_same_view' | 'open_new_view' | 'nothing_held';

/**
 * On return: a record still held from before the hide, within the time, asks the gateway for the same
 * view; a record held longer (or dropped) is opened again as a new view.
 *
 * @example returnPlan({ held: true, hiddenAt: 0 }, 30_000) // 'ask_same_view'
 */
export function returnPlan(state: { held: boolean; hiddenAt: number | null }, now: number): ReturnPlan {
  if (!state.held) return 'nothing_held';
  if (state.hiddenAt === null || now - state.hiddenAt > SAME_VIEW_RETURN_MS) return 'open_new_view';
  return 'ask_same_view';
}

/** Whether field `name` of a `type` record (a top-level field, not a list member) may be copied under `allows`. */
export function isCopyable(allows: SessionAllows | null, type: string, name: string, list?: string): boolean {
  return list === undefined && allows?.copyable?.[type]?.includes(name) === true;
}

const COPY_ACTIONS: ReadonlySet<BlockedAction> = new Set(['copy', 'cut', 'drag', 'select_all', 'context_menu']);

/**
 * What a blocked action says on the spot: copying-like actions "Copying is blocked for this record"
 * (pointing at the Copy buttons when the purpose lets some field be copied), printing its own words,
 * anything else a general line. Focus changes say nothing (the content is simply hidden).
 */
export function blockedNotice(action: BlockedAction, someCopyable: boolean): MessageKey | null {
  if (action === 'focus_lost' || action === 'devtools') return null;
  if (COPY_ACTIONS.has(action)) return someCopyable ? 'blocked.copyHint' : 'blocked.copy';
  if (action === 'print') return 'blocked.print';
  return 'blocked.other';
}
