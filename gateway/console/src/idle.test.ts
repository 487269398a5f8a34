import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_MS, IDLE_WARNING_MS, IdleClock, MAX_SESSION_MS } from './idle.js';

describe('console session timeout', () => {
  it('warns a minute before signing out an idle officer, and activity resets the clock', () => {
    const clock = new IdleClock(0);
    expect(clock.state(IDLE_TIMEOUT_MS - IDLE_WARNING_MS - 1).kind).toBe('active');
    expect(clock.state(IDLE_TIMEOUT_MS - IDLE_WARNING_MS)).toEqual({ kind: 'warning', msLeft: IDLE_WARNING_MS });
    clock.touch(IDLE_TIMEOUT_MS - 1000);
    expect(clock.state(IDLE_TIMEOUT_MS + 1000).kind).toBe('active');
    expect(clock.state(2 * IDLE_TIMEOUT_MS - 1000)).toEqual({ kind: 'ended', why: 'idle' });
  });

  it('cannot be revived once ended', () => {
    const clock = new IdleClock(0);
    clock.touch(IDLE_TIMEOUT_MS + 1);
    expect(clock.state(IDLE_TIMEOUT_MS + 2).kind).toBe('ended');
  });

  it('ends after the maximum however busy the officer is', () => {
    const clock = new IdleClock(0);
    for (let t = 0; t < MAX_SESSION_MS; t += 60_000) clock.touch(t);
    expect(clock.state(MAX_SESSION_MS)).toEqual({ kind: 'ended', why: 'max' });
  });
});
