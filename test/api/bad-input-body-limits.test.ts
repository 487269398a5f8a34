/**
 * Bad input: every route bounds its request body before reading it. A 6 MiB body to the
 * unauthenticated enrolment route or to a record route is refused with 413 `body_too_large` (a
 * problem document), whether it declares its length or arrives chunked; the stream is not read
 * past the limit. Ingest and media upload keep their larger limits.
 */
import { describe, expect, it } from 'vitest';
import { MAX_INGEST_BODY_BYTES, MAX_REQUEST_BODY_BYTES } from '../../gateway/src/platform/config.js';
import { bodyLimitFor } from '../../gateway/src/http/middleware/body-limits.js';
import { MAX_MEDIA_UPLOAD_BYTES } from '../../gateway/src/services/media/limits.js';
import { accessTokenFor, callResource, partnerWithLiveGrant, testGateway } from './harness.js';

const SIX_MIB = 6 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** A JSON-looking body of `size` bytes as a stream with no declared length; `pulled()` says how much was read. */
function chunked(size: number) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(CHUNK, size - sent);
      controller.enqueue(new TextEncoder().encode((sent === 0 ? '{"code":"' : '').padEnd(n, 'x')));
      sent += n;
    },
  });
  return { stream, pulled: () => sent };
}

const bigJson = (size: number) => `{"code":"${'x'.repeat(size)}"}`;

async function expectTooLarge(res: Response): Promise<void> {
  expect(res.status).toBe(413);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(await res.json()).toMatchObject({ status: 413, code: 'body_too_large' });
}

describe('bad input: request bodies are bounded before they are read', () => {
  it('the limits are named per route: ingest and media upload larger, everything else small', () => {
    expect(bodyLimitFor('/v1/enrol')).toBe(MAX_REQUEST_BODY_BYTES);
    expect(bodyLimitFor('/v1/records/person/search')).toBe(MAX_REQUEST_BODY_BYTES);
    expect(bodyLimitFor('/v1/ingest/person')).toBe(MAX_INGEST_BODY_BYTES);
    expect(bodyLimitFor('/v1/ingest/media')).toBe(MAX_MEDIA_UPLOAD_BYTES);
  });

  it('refuses a 6 MiB enrolment body with 413 before parsing it, declared or chunked', async () => {
    const gateway = testGateway();
    const declared = await gateway.request('/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bigJson(SIX_MIB) });
    await expectTooLarge(declared);
    const body = chunked(SIX_MIB);
    const streamed = await gateway.request('/v1/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(streamed);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES + 2 * CHUNK);
  });

  it('refuses a 6 MiB body on record routes and checks, authenticated or not', async () => {
    const gateway = testGateway();
    const s = await partnerWithLiveGrant(gateway.clock);
    const token = await accessTokenFor(gateway, s.client, { type: 'record_access', purpose: s.purpose.id });
    const search = await callResource(gateway, s.client, token, '/v1/records/person/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bigJson(SIX_MIB),
    });
    await expectTooLarge(search);
    const body = chunked(SIX_MIB);
    const check = await callResource(gateway, s.client, token, '/v1/checks/red_notice', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    await expectTooLarge(check);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES + 2 * CHUNK);
    const anonymous = await gateway.request('/v1/views', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bigJson(MAX_REQUEST_BODY_BYTES),
    });
    await expectTooLarge(anonymous);
  });

  it('ingest keeps its own larger limit, and is bounded too', async () => {
    const gateway = testGateway();
    // Over the small limit, under ingest's: it reaches authentication (and fails there).
    const medium = await gateway.request('/v1/ingest/person', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bigJson(4 * MAX_REQUEST_BODY_BYTES),
    });
    expect(medium.status).toBe(401);
    await expectTooLarge(
      await gateway.request('/v1/ingest/person', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked(MAX_INGEST_BODY_BYTES + CHUNK).stream,
        duplex: 'half',
      } as RequestInit),
    );
  });
});
