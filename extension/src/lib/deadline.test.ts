import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atDeadline, DEADLINE_STEP_MS, MAX_TIMER_DELAY_MS, type Timers } from './deadline.js';

const DAY = 86_400_000;

/** A clock and timers the test moves by hand; like a browser, a delay above the ceiling fires at once. */
function fakeTime(start = 1_800_000_000_000) {
  let now = start;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const delays: number[] = [];
  const timers: Timers = {
    setTimeout: (run, ms) => {
      delays.push(ms);
      const id = next++;
      pending.set(id, { at: now + (ms > MAX_TIMER_DELAY_MS ? 0 : ms), run });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  /** Moves the clock to `to`, firing due timers in order (`jump` moves the clock without firing, like a sleeping device). */
  const advanceTo = (to: number) => {
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      pending.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].run();
    }
    now = to;
  };
  return {
    timers,
    delays,
    pending,
    now: () => now,
    advanceTo,
    jump: (to: number) => {
      now = to;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('atDeadline', () => {
  it('waits out a 30-day data life without firing early, in steps below the browser ceiling', () => {
    const t = fakeTime();
    const run = vi.fn();
    atDeadline(t.now() + 30 * DAY, run, t.now, t.timers);
    t.advanceTo(t.now() + 30 * DAY - 1);
    expect(run).not.toHaveBeenCalled();
    t.advanceTo(t.now() + 1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(Math.max(...t.delays)).toBeLessThanOrEqual(DEADLINE_STEP_MS);
  });

  it('fires once, never before the deadline, for any deadline up to a year and a half away', () => {
    fc.assert(
      fc.property(fc.integer({ min: -DAY, max: 550 * DAY }), (offset) => {
        const t = fakeTime();
        const start = t.now();
        let firedAt: number | null = null;
        let calls = 0;
        atDeadline(
          start + offset,
          () => {
            calls++;
            firedAt = t.now();
          },
          t.now,
          t.timers,
        );
        t.advanceTo(start + Math.max(0, offset) + 1);
        return calls === 1 && firedAt !== null && firedAt >= start + offset && t.delays.every((d) => d <= MAX_TIMER_DELAY_MS);
      }),
      { numRuns: 100 },
    );
  });

  it('reads the clock again after each step: a device that slept past the deadline fires on the next step', () => {
    const t = fakeTime();
    const run = vi.fn();
    atDeadline(t.now() + 60 * DAY, run, t.now, t.timers);
    t.jump(t.now() + 61 * DAY); // the device slept: no timer ran meanwhile
    expect(run).not.toHaveBeenCalled();
    t.advanceTo(t.now() + DEADLINE_STEP_MS);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('follows the clock it is given (the gateway’s), not the device’s', () => {
    const t = fakeTime();
    const run = vi.fn();
    const offset = 5 * 60_000; // the gateway is five minutes ahead of this device
    const gatewayNow = () => t.now() + offset;
    atDeadline(gatewayNow() + 10 * 60_000, run, gatewayNow, t.timers);
    t.advanceTo(t.now() + 10 * 60_000 - 1);
    expect(run).not.toHaveBeenCalled();
    t.advanceTo(t.now() + 1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('fires at once for a deadline already passed or not a number, and never after being cancelled', () => {
    const t = fakeTime();
    const passed = vi.fn();
    const nan = vi.fn();
    atDeadline(t.now() - 1, passed, t.now, t.timers);
    atDeadline(Number.NaN, nan, t.now, t.timers);
    expect(passed).toHaveBeenCalledTimes(1);
    expect(nan).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    const cancel = atDeadline(t.now() + 40 * DAY, cancelled, t.now, t.timers);
    t.advanceTo(t.now() + DAY);
    cancel();
    expect(t.pending.size).toBe(0);
    t.advanceTo(t.now() + 40 * DAY);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('uses the real timers by default without ever asking for more than the ceiling', () => {
    vi.useFakeTimers();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const run = vi.fn();
    const cancel = atDeadline(Date.now() + 365 * DAY, run, () => Date.now());
    vi.advanceTimersByTime(25 * DAY);
    expect(run).not.toHaveBeenCalled();
    expect(spy.mock.calls.every(([, ms]) => (ms ?? 0) <= MAX_TIMER_DELAY_MS)).toBe(true);
    cancel();
  });
});
