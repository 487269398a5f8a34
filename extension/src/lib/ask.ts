import type { Replies, Reply, Request } from './messages.js';

/** Sends a request to the background and returns its typed reply. */
export async function ask<R extends Request>(req: R): Promise<Reply<Replies[R['type']]>> {
  const reply = (await chrome.runtime.sendMessage(req)) as Reply<Replies[R['type']]> | undefined;
  return reply ?? { ok: false, error: { code: 'no_answer', message: 'The viewer did not answer. Reload it.' } };
}
