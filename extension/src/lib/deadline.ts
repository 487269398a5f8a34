/**
 * Running something at a deadline (the end of a window or of a data life) that may be weeks or
 * months away. Browsers keep a timer's delay in a signed 32-bit number of milliseconds: a delay above
 * 2^31 − 1 ms (about 24.8 days) fires at once. A viewer that hid a record "at the end of its 30-day
 * data life" with one `setTimeout` hid it at once, re-opened it, and hid it again, in a loop of logged
 * views. So every wait by deadline goes through {@link atDeadline}, which waits in steps below the
 * ceiling and reads the clock again after each.
 */

/** The longest delay a browser timer honours (ms); anything longer fires at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * The longest single wait before the clock is read again (ms): far below the ceiling, and short
 * enough that a device that slept, or a clock that moved, is noticed within the hour.
 */
export const DEADLINE_STEP_MS = 60 * 60 * 1000;

/** The timer functions used (the browser's, or a test's fake ones). */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Calls `run` once, as soon as `now()` reaches `deadlineMs`; returns a function that cancels it.
 * `now` is the clock the deadline is on: for deadlines set by the gateway, the gateway's clock
 * (device time plus the offset its `server_time` gives), so a wrong device clock neither extends
 * nor shortens what is shown. A deadline that is not a finite number counts as passed (fail closed).
 *
 * @example
 * const cancel = atDeadline(destroyAtSeconds * 1000, () => hideRecord(), () => Date.now() + offset);
 */
export function atDeadline(deadlineMs: number, run: () => void, now: () => number, timers: Timers = browserTimers): () => void {
  let handle: unknown = null;
  let done = false;
  const step = () => {
    handle = null;
    if (done) return;
    const left = Number.isFinite(deadlineMs) ? deadlineMs - now() : 0;
    if (!(left > 0)) {
      done = true;
      run();
      return;
    }
    handle = timers.setTimeout(step, Math.min(left, DEADLINE_STEP_MS, MAX_TIMER_DELAY_MS));
  };
  step();
  return () => {
    done = true;
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
}
