import {
  appendLeafWithNodes,
  canonicalEntryBytes,
  createExport,
  ed25519NoteSigner,
  emptyCompactRange,
  formatCheckpoint,
  generateNoteKey,
  leafHash,
  rootOf,
  signCheckpoint,
  type CompactRange,
  type NodeLookup,
} from '@need2know/audit';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveExport, verifyExportFile } from './audit-cli.js';

const ORIGIN = 'gateway.test/need2know/audit';
const dir = mkdtempSync(join(tmpdir(), 'n2k-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function log(count: number) {
  const nodes = new Map<string, Uint8Array>();
  const entries = Array.from({ length: count }, (_, i) => ({ kind: 'disclosure', id: `d${i}`, at: 1_760_000_000 + i }));
  let state: CompactRange = emptyCompactRange();
  for (const e of entries) {
    const next = appendLeafWithNodes(state, leafHash(canonicalEntryBytes(e)));
    for (const n of next.nodes) nodes.set(`${n.level}/${n.index}`, n.hash);
    state = next.state;
  }
  const getNode: NodeLookup = (level, index) => nodes.get(`${level}/${index}`);
  const key = await generateNoteKey(ORIGIN);
  const note = await signCheckpoint(formatCheckpoint({ origin: ORIGIN, size: count, root: rootOf(state) }), await ed25519NoteSigner(ORIGIN, key.seed));
  return { entries, getNode, note, vkey: key.vkey };
}

describe('n2k audit export and verify', () => {
  it('joins an export answered in parts (frame first, one anchor) into one file that verifies as a stream', async () => {
    const l = await log(50);
    const PART = 20;
    const get = async (path: string) => {
      const q = new URL(path, 'https://gateway.test').searchParams;
      const from = Number(q.get('from'));
      const end = Math.min(from + PART, 50);
      if (from > 0) expect(q.get('anchor')).toBe('50');
      const { entries, ...frame } = createExport({
        origin: ORIGIN,
        start: from,
        entries: l.entries.slice(from, end),
        checkpoints: [l.note],
        getNode: l.getNode,
      });
      const headers: Record<string, string> = { 'n2k-export-anchor': '50', 'n2k-export-end': '50', ...(end < 50 ? { 'n2k-export-next': String(end) } : {}) };
      return new Response(JSON.stringify({ ...frame, entries }), { status: 200, headers });
    };
    const out = join(dir, 'parts.json');
    await saveExport(get, { from: 0 }, out);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { start: number; end: number; entries: { index: number }[] };
    expect([saved.start, saved.end, saved.entries.length]).toEqual([0, 50, 50]);
    expect(await verifyExportFile(out, l.vkey)).toMatchObject({ ok: true, start: 0, end: 50, size: 50 });
  });

  it('verifies an export written whole with its entries first (read twice), and locates an edit', async () => {
    const l = await log(30);
    const whole = createExport({ origin: ORIGIN, start: 0, entries: l.entries, checkpoints: [l.note], getNode: l.getNode });
    const file = join(dir, 'old-layout.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          format: whole.format,
          origin: whole.origin,
          start: 0,
          end: 30,
          entries: whole.entries,
          checkpoints: whole.checkpoints,
          consistency: whole.consistency,
        },
        null,
        2,
      ),
    );
    expect(await verifyExportFile(file, l.vkey)).toMatchObject({ ok: true, end: 30 });
    writeFileSync(file, readFileSync(file, 'utf8').replace('"d7"', '"d7-edited"'));
    const verdict = await verifyExportFile(file, l.vkey);
    expect(verdict.ok ? [] : verdict.problems).toEqual([expect.objectContaining({ code: 'ERR_ENTRY_MISMATCH', index: 7 })]);
  });
});
