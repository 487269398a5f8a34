import { disclosureEntry, ingestEntry } from '@need2know/audit';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { pendingDisclosures } from './disclosure-index.js';
import { INDEX_DELAY_MS, IndexWriter } from './index-writer.js';
import { appendEntries, readCursor } from './tree.js';
import { inFreshLog } from './test-support.js';

const disclosure = (id: string) =>
  disclosureEntry({
    id,
    at: 1_760_000_000,
    clientId: 'moh-tracer',
    agencyId: 'moh',
    purposeId: 'tracing',
    grantId: 'grt_1',
    action: 'fetch',
    recordType: 'person',
    subjects: ['psn_a'],
    fields: { phone: 'masked' },
    requestHash: 'req',
    responseHash: 'res',
    outcome: 'disclosed',
  });
const ingest = ingestEntry({
  at: 1,
  clientId: 'moi',
  owner: 'moi',
  recordType: 'person',
  received: 1,
  created: 1,
  updated: 0,
  unchanged: 0,
  records: ['psn_v'],
});

describe('the disclosure index behind the log', () => {
  it('reads the disclosures from the cursor on, passing over other kinds', async () => {
    await inFreshLog((sql) => {
      expect(pendingDisclosures(sql, 10)).toBeNull();
      appendEntries(sql, [disclosure('dsc_p1'), ingest, disclosure('dsc_p2'), ingest]);
      const all = pendingDisclosures(sql, 10);
      expect(all?.entries.map((e) => [e.idx, e.entry.id])).toEqual([
        [0, 'dsc_p1'],
        [2, 'dsc_p2'],
      ]);
      expect(all?.next).toBe(4);
      expect(pendingDisclosures(sql, 2)?.next).toBe(2);
    });
  });

  it('sets one alarm for many appends, and a flush writes every disclosure with its log position, then the cursor', async () => {
    const a = `dsc_${crypto.randomUUID()}`;
    const b = `dsc_${crypto.randomUUID()}`;
    await inFreshLog(async (sql) => {
      const alarms: number[] = [];
      const writer = new IndexWriter({ sql, db: env.DB, setAlarm: async (at) => void alarms.push(at) });
      expect(writer.behind()).toBe(false);
      const before = Date.now();
      appendEntries(sql, [disclosure(a), ingest, disclosure(b)]);
      writer.later();
      writer.later();
      expect(alarms).toHaveLength(1);
      expect(alarms[0]).toBeGreaterThanOrEqual(before + INDEX_DELAY_MS);
      expect(writer.behind()).toBe(true);
      await writer.flush();
      expect(writer.behind()).toBe(false);
      expect(readCursor(sql, 'index_next')).toBe(3);
      const rows = await env.DB.prepare('SELECT id, log_index FROM disclosures WHERE id IN (?, ?) ORDER BY log_index')
        .bind(a, b)
        .all<{ id: string; log_index: number }>();
      expect(rows.results).toEqual([
        { id: a, log_index: 0 },
        { id: b, log_index: 2 },
      ]);
      const subjects = await env.DB.prepare('SELECT count(*) AS n FROM disclosure_subjects WHERE disclosure_id IN (?, ?)').bind(a, b).first<{ n: number }>();
      expect(subjects?.n).toBe(2);
    });
  });
});
