/**
 * Time left in a grant's window, as the popup counts it down. Times come from the gateway (its
 * clock, via `server_time`), so a wrong device clock neither extends nor shortens what is shown.
 */

/** Below this, a window is called out as ending soon (ms). */
export const ENDING_SOON_MS = 60 * 60 * 1000;

export type CountdownState = 'upcoming' | 'live' | 'ending_soon' | 'ended';

export interface Countdown {
  readonly state: CountdownState;
  /** Milliseconds until the window starts (upcoming) or ends (live); 0 when ended. */
  readonly remainingMs: number;
  /** e.g. `3 d 04:12:09`, `04:12:09`, or `—` when ended. */
  readonly text: string;
}

/** The offset to add to the device clock to read the gateway's (ms). */
export function clockOffset(serverTimeIso: string, deviceNowMs: number): number {
  const server = Date.parse(serverTimeIso);
  return Number.isFinite(server) ? server - deviceNowMs : 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `ms` as `D d HH:MM:SS` (days only when there are any), rounding down to whole seconds. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${days > 0 ? `${days} d ` : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** Where `nowMs` (gateway time) stands in the window [notBefore, notAfter). */
export function countdown(notBeforeIso: string, notAfterIso: string, nowMs: number): Countdown {
  const start = Date.parse(notBeforeIso);
  const end = Date.parse(notAfterIso);
  if (!Number.isFinite(start) || !Number.isFinite(end) || nowMs >= end) return { state: 'ended', remainingMs: 0, text: '—' };
  if (nowMs < start) return { state: 'upcoming', remainingMs: start - nowMs, text: formatDuration(start - nowMs) };
  const left = end - nowMs;
  return { state: left < ENDING_SOON_MS ? 'ending_soon' : 'live', remainingMs: left, text: formatDuration(left) };
}
