/**
 * When an idle or too-long session ends. Pure: the caller reports activity and asks, with its own
 * clock, what state the session is in; the browser part only schedules the checks.
 */

/** Sign out after this long without a key press or click. */
export const IDLE_TIMEOUT_MS = 15 * 60_000;
/** Warn this long before signing out for idleness. */
export const IDLE_WARNING_MS = 60_000;
/** Sign out after this long whatever the activity: a working day. */
export const MAX_SESSION_MS = 8 * 3600_000;

export type SessionState =
  | { readonly kind: 'active' }
  | { readonly kind: 'warning'; readonly msLeft: number }
  | { readonly kind: 'ended'; readonly why: 'idle' | 'max' };

export class IdleClock {
  readonly #started: number;
  #lastActivity: number;
  readonly #idle: number;
  readonly #max: number;

  constructor(now: number, limits: { idleMs?: number; maxMs?: number } = {}) {
    this.#started = now;
    this.#lastActivity = now;
    this.#idle = limits.idleMs ?? IDLE_TIMEOUT_MS;
    this.#max = limits.maxMs ?? MAX_SESSION_MS;
  }

  /** Records activity at `now` (ignored once the session has ended). */
  touch(now: number): void {
    if (this.state(now).kind !== 'ended') this.#lastActivity = now;
  }

  /** The session's state at `now`. */
  state(now: number): SessionState {
    if (now - this.#started >= this.#max) return { kind: 'ended', why: 'max' };
    const idleLeft = this.#lastActivity + this.#idle - now;
    if (idleLeft <= 0) return { kind: 'ended', why: 'idle' };
    if (idleLeft <= Math.min(IDLE_WARNING_MS, this.#idle / 2)) return { kind: 'warning', msLeft: idleLeft };
    return { kind: 'active' };
  }
}
