import { GatewayError } from '@need2know/client';
import { isTrustedSender, Request, type Failure, type Reply } from '../lib/messages.js';
import { forgetSessions } from './gateway.js';
import { handlers, ViewerError } from './handlers.js';

/**
 * The background service worker: the only part of the viewer that holds the officer's keys and
 * talks to the gateway. It answers this extension's own pages only, and only messages that parse.
 */

function failure(err: unknown): Failure {
  if (err instanceof GatewayError) {
    // A refused token may mean the grant or the officer changed: ask again next time.
    if (err.status === 401 || err.status === 403 || err.status === 400) forgetSessions();
    return { code: err.code, message: describe(err.code), status: err.status };
  }
  if (err instanceof ViewerError) return { code: err.code, message: err.message, ...(err.status === undefined ? {} : { status: err.status }) };
  // fetch() rejects with a TypeError when the gateway cannot be reached at all.
  if (err instanceof TypeError && /fetch|network/i.test(err.message)) return { code: 'network', message: 'The gateway could not be reached.' };
  console.error('viewer: unexpected failure', err);
  return { code: 'internal_error', message: 'Something went wrong in the viewer.' };
}

/** English words for the codes an officer can meet; the pages show their own catalogue's words by code (`lib/error-text.ts`). */
function describe(code: string): string {
  switch (code) {
    case 'key_destroyed':
      return 'The window or data life of this record is over: it can no longer be opened.';
    case 'invalid_enrolment_code':
      return 'This enrolment code is unknown, already used or expired. Ask your agency administrator for a new one.';
    case 'invalid_grant':
      return 'This grant is no longer live.';
    case 'invalid_token':
    case 'invalid_client':
      return 'The gateway no longer accepts this viewer (suspended, or enrolled again elsewhere).';
    case 'rate_limited':
      return 'Too many requests for now. Wait a moment.';
    case 'not_found':
      return 'Nothing found.';
    case 'reveal_not_permitted':
      return 'This grant does not allow revealing protected photos.';
    case 'copy_not_permitted':
      return 'Copying is blocked for this record.';
    case 'view_not_resumable':
      return 'The record is opened again as a new view.';
    default:
      return 'The gateway refused the request.';
  }
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: Reply<unknown>) => void) => {
  if (!isTrustedSender(sender, chrome.runtime.id)) {
    console.warn('viewer: message from an untrusted sender refused');
    return false;
  }
  const parsed = Request.safeParse(message);
  if (!parsed.success) {
    sendResponse({ ok: false, error: { code: 'bad_message', message: 'The message was not understood.' } });
    return false;
  }
  const req = parsed.data;
  const handler = handlers[req.type] as (r: typeof req) => Promise<unknown>;
  handler(req).then(
    (data) => sendResponse({ ok: true, data }),
    (err: unknown) => sendResponse({ ok: false, error: failure(err) }),
  );
  return true; // the answer comes asynchronously
});
