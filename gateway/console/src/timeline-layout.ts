/**
 * Where each grant's window sits on the timeline: pure geometry and a visual state per grant, from
 * what the admin API returned (`status`, `live`, the window). Whether a grant is live is the
 * gateway's answer (`live`), not recomputed here.
 */
import type { Grant } from './api.js';

/** A window ending within this many hours is called out. */
export const EXPIRING_SOON_HOURS = 24;

export const TIMELINE_RANGES = { '2w': { before: 2, after: 14 }, '3m': { before: 7, after: 90 }, '1y': { before: 30, after: 365 } } as const;
export type TimelineRange = keyof typeof TIMELINE_RANGES;

export type BarState = 'live' | 'pending' | 'suspended' | 'scheduled' | 'ended';

export interface TimelineBar {
  readonly grant: Grant;
  readonly state: BarState;
  /** Left and right edges as fractions of the axis, clipped to [0, 1]. */
  readonly x0: number;
  readonly x1: number;
  readonly clippedLeft: boolean;
  readonly clippedRight: boolean;
  /** Live and ending within {@link EXPIRING_SOON_HOURS}. */
  readonly endsSoon: boolean;
  /** Seconds until the window ends (negative once ended). */
  readonly secondsLeft: number;
}

export interface TimelineLayout {
  readonly from: number;
  readonly to: number;
  /** Position of now on the axis. */
  readonly now: number;
  readonly bars: TimelineBar[];
  /** Day ticks (Unix ms at UTC midnight is not a local midnight; the caller labels them in its zone). */
  readonly ticks: { readonly at: number; readonly x: number }[];
}

const DAY_MS = 86_400_000;

export function barState(g: Grant, nowMs: number): BarState {
  if (g.live) return 'live';
  if (g.status === 'pending') return 'pending';
  if (g.status === 'suspended' && Date.parse(g.not_after) > nowMs) return 'suspended';
  if (g.status === 'active' && Date.parse(g.not_before) > nowMs) return 'scheduled';
  return 'ended';
}

/** How the timeline is drawn beyond its range. */
export interface TimelineOptions {
  /** Leave out ended windows (revoked, expired, or past their end), as the lists do by default. */
  readonly hideEnded?: boolean;
  readonly tickCount?: number;
}

/**
 * Lays out `grants` on an axis from `before` days ago to `after` days ahead of `nowMs`, leaving out
 * those wholly outside it (and ended ones when `hideEnded`). Live grants come first, then by end of window.
 */
export function layoutTimeline(grants: readonly Grant[], nowMs: number, range: TimelineRange, options: TimelineOptions = {}): TimelineLayout {
  const tickCount = options.tickCount ?? 8;
  const { before, after } = TIMELINE_RANGES[range];
  const from = nowMs - before * DAY_MS;
  const to = nowMs + after * DAY_MS;
  const x = (t: number) => Math.min(1, Math.max(0, (t - from) / (to - from)));
  const order: Record<BarState, number> = { live: 0, pending: 1, suspended: 2, scheduled: 3, ended: 4 };
  const bars = grants
    .filter((g) => Date.parse(g.not_after) > from && Date.parse(g.not_before) < to)
    .map((g): TimelineBar => {
      const start = Date.parse(g.not_before);
      const end = Date.parse(g.not_after);
      const state = barState(g, nowMs);
      const secondsLeft = Math.floor((end - nowMs) / 1000);
      return {
        grant: g,
        state,
        x0: x(start),
        x1: x(end),
        clippedLeft: start < from,
        clippedRight: end > to,
        endsSoon: state === 'live' && secondsLeft <= EXPIRING_SOON_HOURS * 3600,
        secondsLeft,
      };
    })
    .filter((b) => options.hideEnded !== true || b.state !== 'ended')
    .sort((a, b) => order[a.state] - order[b.state] || Date.parse(a.grant.not_after) - Date.parse(b.grant.not_after));
  const step = (to - from) / tickCount;
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => ({ at: from + i * step, x: i / tickCount }));
  return { from, to, now: x(nowMs), bars, ticks };
}
