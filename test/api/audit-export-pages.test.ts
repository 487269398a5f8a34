/**
 * Finding "A whole-log export breaks at about 20–25k disclosures": the log object built the whole
 * export in one call, past the 32 MiB limit of a Durable Object's answer. The export now streams page
 * by page and verifies as a stream, here on a log of 16,000 entries of 2.4 KB (≈ 50 MB of export,
 * half again the limit).
 */
import { adminEntry, ExportReader, ExportVerifier, type AdminLogEntry } from '@need2know/audit';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../gateway/src/services/access/audit.js';
import { adminSession, createAgency, createClient, gatewayEnv, testGateway } from './harness.js';

/**
 * A synthetic entry the size of a real disclosure (keyed hashes only, as in the log). It is an
 * administrative entry carrying a disclosure's fields as its detail, so the log takes it as it takes
 * any entry while the disclosure index (which reads only `disclosure` entries) passes over it.
 */
const entry = (i: number): AdminLogEntry =>
  adminEntry({
    seq: i + 1,
    at: 1_760_000_000 + i,
    actor: 'system',
    action: 'test.filler',
    targetType: 'test',
    targetId: `dsc_${i.toString(36).padStart(20, '0')}`,
    detail: {
      client: 'partner-health-tracing',
      agency: 'ministry-of-health',
      purpose: 'contact-tracing-outbreak-2026',
      grant: 'grt_filler000000000000',
      action: 'fetch',
      record_type: 'person',
      subjects: Array.from({ length: 8 }, (_, k) => `psn_${(i * 31 + k).toString(36).padStart(22, 'x')}`),
      fields: { name_latin: 'clear', name_km: 'clear', phone: 'masked', date_of_birth: 'generalised', address: 'generalised', national_id: 'none' },
      request_hash: 'r'.repeat(43),
      response_hash: 's'.repeat(43),
      outcome: 'disclosed',
      note: 'n'.repeat(1_800),
    },
    prevHash: '',
    hash: '',
  });

const COUNT = 16_000;
const APPEND_BATCH = 2_000;

describe('A whole-log export breaks at about 20–25k disclosures', () => {
  it('streams a log far larger than one Durable Object answer, and the stream verifies entry by entry', { timeout: 120_000 }, async () => {
    const gateway = testGateway();
    const log = auditLog(gatewayEnv);
    const base = await log.size();
    for (let i = 0; i < COUNT; i += APPEND_BATCH) await log.append(Array.from({ length: APPEND_BATCH }, (_, k) => entry(base + i + k)));
    const appended = await log.size();
    const { vkey } = (await (await gateway.request('/v1/audit/key')).json()) as { vkey: string };

    const officer = await adminSession(gateway, await createClient('privacy_officer', await createAgency()));
    const res = await officer('GET', '/v1/audit/export');
    expect(res.status).toBe(200);

    const verifier = new ExportVerifier(vkey);
    const frame: Record<string, unknown> = {};
    let framing: Promise<void> | undefined;
    let bytes = 0;
    const reader = new ExportReader({
      field: (name, value) => {
        frame[name] = value;
      },
      entry: (value) => {
        if (framing === undefined) throw new Error('the frame must come before the entries');
        verifier.entry(value);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      reader.push(decoder.decode(chunk, { stream: true }));
      if (framing === undefined && 'consistency' in frame) {
        framing = verifier.frame(frame);
        await framing;
      }
    }
    reader.end();
    expect(bytes).toBeGreaterThan(32 * 1024 * 1024);
    // The officer's token request is logged too: the export ends where the log stood when it began.
    const verdict = verifier.finish();
    expect(verdict).toMatchObject({ ok: true, start: 0 });
    expect(verdict.ok && verdict.end).toBeGreaterThanOrEqual(appended);
    expect(verifier.entries).toBe(verdict.ok ? verdict.end : -1);
  });
});
