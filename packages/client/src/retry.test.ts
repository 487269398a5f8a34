import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendRetryingUnavailable } from './retry.js';

const answer = (status: number, headers: Record<string, string> = {}) => new Response(`{"status":${status}}`, { status, headers });

/** A `send` answering `statuses` in turn, recording when each attempt was made. */
function scripted(...answers: Response[]) {
  const at: number[] = [];
  return {
    at,
    send: async () => {
      at.push(Date.now());
      const next = answers.shift();
      if (next === undefined) throw new Error('asked once too often');
      return next;
    },
  };
}

describe('sendRetryingUnavailable', () => {
  afterEach(() => vi.useRealTimers());

  it('sends again after 503 until an answer that is not 503, waiting a doubling delay', async () => {
    vi.useFakeTimers();
    const s = scripted(answer(503), answer(503), answer(200));
    const done = sendRetryingUnavailable(s.send, { attempts: 4, firstRetryMs: 500, maxRetryAfterS: 2 });
    await vi.runAllTimersAsync();
    expect((await done).status).toBe(200);
    expect(s.at.slice(1).map((t, i) => t - (s.at[i] as number))).toEqual([500, 1_000]);
  });

  it("waits what Retry-After asks, up to the cap, and gives up after the last attempt with the gateway's answer", async () => {
    vi.useFakeTimers();
    const s = scripted(answer(503, { 'retry-after': '1' }), answer(503, { 'retry-after': '30' }), answer(503, { 'retry-after': '1' }));
    const done = sendRetryingUnavailable(s.send, { attempts: 3, firstRetryMs: 500, maxRetryAfterS: 2 });
    await vi.runAllTimersAsync();
    expect((await done).status).toBe(503);
    expect(s.at.slice(1).map((t, i) => t - (s.at[i] as number))).toEqual([1_000, 2_000]);
  });

  it('never sends again after any other answer, a refusal or a server error', async () => {
    for (const status of [200, 400, 401, 403, 404, 409, 429, 500, 502]) {
      const s = scripted(answer(status));
      expect((await sendRetryingUnavailable(s.send, { attempts: 3, firstRetryMs: 1, maxRetryAfterS: 1 })).status).toBe(status);
      expect(s.at).toHaveLength(1);
    }
  });
});
