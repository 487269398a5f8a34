/**
 * Sending a request again while it is answered 503 Service Unavailable. A gateway answers 503 while
 * it is not ready (with `Retry-After`), and a proxy in front of it (a local `wrangler dev` under load
 * among them) drops a request now and then with a 503 of its own. Only 503 is retried: every other
 * answer, a refusal above all, is the caller's to read.
 */

/** How often and how long to try. */
export interface UnavailableRetry {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Wait before the first retry when the answer has no `Retry-After` (ms); doubled for each next one. */
  readonly firstRetryMs: number;
  /** Longest wait a `Retry-After` may ask for (s): the caller waits, it does not stall. */
  readonly maxRetryAfterS: number;
}

/**
 * Sends with `send` (called again for each attempt, so a body, a DPoP proof and its `jti` are made
 * afresh), and again after a wait while the answer is 503, up to `retry.attempts` attempts; returns
 * the last answer. The wait is the answer's `Retry-After` in seconds (capped), else a doubling delay.
 *
 * @example const res = await sendRetryingUnavailable(() => session.fetch('/v1/records'), { attempts: 3, firstRetryMs: 500, maxRetryAfterS: 2 });
 */
export async function sendRetryingUnavailable(send: () => Promise<Response>, retry: UnavailableRetry): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    if (res.status !== 503 || attempt >= retry.attempts) return res;
    const header = res.headers.get('retry-after');
    const asked = header === null || header.trim() === '' ? Number.NaN : Number(header);
    await res.body?.cancel();
    const waitMs = Number.isFinite(asked) && asked >= 0 ? Math.min(asked, retry.maxRetryAfterS) * 1000 : retry.firstRetryMs * 2 ** (attempt - 1);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
