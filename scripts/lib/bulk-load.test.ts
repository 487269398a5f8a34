import type { GatewaySession } from '@need2know/client';
import { describe, expect, it } from 'vitest';
import { loadMedia, loadRecords, UNAVAILABLE_ATTEMPTS } from './bulk-load.js';

/** A session whose answers are given in turn; records what each attempt sent. */
function sessionAnswering(answers: Array<() => Response>) {
  const sent: { path: string; body: unknown }[] = [];
  const session = {
    fetch: async (path: string, init: RequestInit) => {
      sent.push({ path, body: init.body instanceof FormData ? Object.fromEntries(init.body.entries()) : init.body });
      const next = answers.shift();
      if (next === undefined) throw new Error('no answer left');
      return next();
    },
  } as unknown as GatewaySession;
  return { session, sent };
}

/** 503 as a busy local dev server or a gateway not yet ready answers it; `Retry-After: 0` keeps the test quick. */
const unavailable = () => new Response('', { status: 503, headers: { 'retry-after': '0' } });
const json = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const picture = { recordType: 'case', recordId: 'case-1', ref: 'media:a', contentType: 'image/png', png: async () => new Uint8Array([0x89, 0x50]) };

describe('the bulk loader when the gateway answers 503', () => {
  it('sends a picture again, with its whole form, and counts it once', async () => {
    const { session, sent } = sessionAnswering([unavailable, unavailable, json({ outcome: 'created' })]);
    const report = await loadMedia(session, [picture]);
    expect(report).toMatchObject({ records: 1, created: 1, updated: 0 });
    expect(sent).toHaveLength(3);
    for (const attempt of sent) expect(Object.keys(attempt.body as object).sort()).toEqual(['original', 'record_id', 'record_type', 'ref']);
  });

  it('sends a batch of records again, the same batch', async () => {
    const { session, sent } = sessionAnswering([unavailable, json({ created: 2, updated: 0, unchanged: 0 })]);
    const report = await loadRecords(session, 'person', [{ id: 'p1' }, { id: 'p2' }]);
    expect(report).toMatchObject({ records: 2, created: 2 });
    expect(sent.map((s) => s.body)).toEqual([
      JSON.stringify({ records: [{ id: 'p1' }, { id: 'p2' }] }),
      JSON.stringify({ records: [{ id: 'p1' }, { id: 'p2' }] }),
    ]);
  });

  it(`gives up after ${UNAVAILABLE_ATTEMPTS} attempts with the gateway's answer, and never retries another refusal`, async () => {
    const gone = sessionAnswering(Array.from({ length: UNAVAILABLE_ATTEMPTS }, () => unavailable));
    await expect(loadMedia(gone.session, [picture])).rejects.toMatchObject({ status: 503 });
    expect(gone.sent).toHaveLength(UNAVAILABLE_ATTEMPTS);
    const refused = sessionAnswering([() => new Response(JSON.stringify({ code: 'validation_failed' }), { status: 400 })]);
    await expect(loadMedia(refused.session, [picture])).rejects.toMatchObject({ status: 400 });
    expect(refused.sent).toHaveLength(1);
  });
});
