import { beforeAll, describe, expect, it } from 'vitest';
import { formatCheckpoint } from '../checkpoint/format.js';
import { signCheckpoint } from '../checkpoint/sign.js';
import { canonicalEntryBytes } from '../entry/canonical-entry-bytes.js';
import { appendLeafWithNodes, emptyCompactRange, rootOf } from '../merkle/compact-range.js';
import type { CompactRange } from '../merkle/compact-range.js';
import { leafHash } from '../merkle/hash.js';
import type { NodeLookup } from '../merkle/node-lookup.js';
import { ed25519NoteSigner, generateNoteKey } from '../note/keys.js';
import { createExport } from './create-export.js';
import { ExportReader } from './export-reader.js';
import { ExportVerifier } from './export-verifier.js';
import type { AuditExport } from './types.js';

const ORIGIN = 'gateway.example.gov/need2know/audit';
const SIZES = [17, 33, 50];

/** A log built the way the Durable Object will: frontier appends, completed nodes kept in a store. */
function buildLog(count: number) {
  const store = new Map<string, Uint8Array>();
  const entries: Record<string, unknown>[] = [];
  const roots: Uint8Array[] = [];
  let state: CompactRange = emptyCompactRange();
  for (let i = 0; i < count; i++) {
    const entry = { seq: i, action: 'disclose', officer: `hmac:${(i * 7919).toString(16)}`, purpose: 'case-42', at: 1_700_000_000 + i };
    entries.push(entry);
    const next = appendLeafWithNodes(state, leafHash(canonicalEntryBytes(entry)));
    for (const n of next.nodes) store.set(`${n.level}/${n.index}`, n.hash);
    state = next.state;
    roots.push(rootOf(state));
  }
  const getNode: NodeLookup = (level, index) => store.get(`${level}/${index}`);
  return { entries, roots, getNode };
}

type Log = ReturnType<typeof buildLog>;
let log: Log;
let vkey: string;
let notes: string[];
let forgedSignatureNote: string;
let forkNote: string;

const clone = (e: AuditExport): { -readonly [K in keyof AuditExport]: AuditExport[K] extends readonly (infer T)[] ? T[] : AuditExport[K] } =>
  JSON.parse(JSON.stringify(e)) as never;

beforeAll(async () => {
  log = buildLog(50);
  const key = await generateNoteKey(ORIGIN);
  const other = await generateNoteKey(ORIGIN);
  vkey = key.vkey;
  const signer = await ed25519NoteSigner(ORIGIN, key.seed);
  const forger = await ed25519NoteSigner(ORIGIN, other.seed);
  const body = (size: number, root = log.roots[size - 1] as Uint8Array) => formatCheckpoint({ origin: ORIGIN, size, root });
  notes = await Promise.all(SIZES.map((s) => signCheckpoint(body(s), signer)));
  forgedSignatureNote = await signCheckpoint(body(33), forger);
  // A fork: a correctly signed checkpoint of size 33 over a different history.
  forkNote = await signCheckpoint(body(33, leafHash(new Uint8Array([1]))), signer);
});

const full = () => createExport({ origin: ORIGIN, start: 0, entries: log.entries, checkpoints: notes, getNode: log.getNode });

/** Verifies `text` as `n2k audit verify` does: read in pieces of `piece` characters, streamed into the verifier. */
async function streamVerify(text: string, key: string, piece = 7) {
  const verifier = new ExportVerifier(key);
  const frame: Record<string, unknown> = {};
  const early: unknown[] = [];
  let framed = false;
  const reader = new ExportReader({
    field: (name, value) => {
      frame[name] = value;
    },
    entry: (value) => {
      if (!framed) early.push(value);
      else verifier.entry(value);
    },
  });
  // The frame members come first in a streamed export; an export written whole may put entries first.
  const frameDone = () => ['format', 'origin', 'start', 'end', 'checkpoints', 'consistency'].every((k) => k in frame);
  for (let i = 0; i < text.length; i += piece) {
    reader.push(text.slice(i, i + piece));
    if (!framed && frameDone()) {
      framed = true;
      await verifier.frame(frame);
    }
  }
  reader.end();
  if (!framed) await verifier.frame(frame);
  for (const e of early) verifier.entry(e);
  return verifier.finish();
}

/** The document a streamed export sends: frame first, entries last. */
const streamed = (e: AuditExport) => {
  const { entries, ...frame } = e;
  return JSON.stringify({ ...frame, entries });
};

describe('ExportReader and ExportVerifier (streamed verification)', () => {
  it('accept a log with 3 checkpoints whatever the layout and the piece size', async () => {
    for (const text of [streamed(full()), JSON.stringify(full(), null, 2)]) {
      for (const piece of [1, 5, 64, 1 << 20]) expect(await streamVerify(text, vkey, piece)).toMatchObject({ ok: true, size: 50, start: 0, end: 50 });
    }
    const segment = createExport({ origin: ORIGIN, start: 10, entries: log.entries.slice(10, 25), checkpoints: notes, getNode: log.getNode });
    expect(await streamVerify(streamed(segment), vkey)).toMatchObject({ ok: true, start: 10, end: 25 });
  });

  it('locate an edit, a deletion, a reordering, an insertion, a forged and a forking checkpoint', async () => {
    const codes = async (e: unknown) => {
      const r = await streamVerify(JSON.stringify(e), vkey);
      return r.ok ? [] : r.problems.map((p) => ({ code: p.code, index: p.index, checkpoint: p.checkpoint }));
    };
    const edited = clone(full());
    (edited.entries[12] as { entry: Record<string, unknown> }).entry['purpose'] = 'curiosity';
    expect(await codes(edited)).toEqual([{ code: 'ERR_ENTRY_MISMATCH', index: 12 }]);
    const deleted = clone(full());
    deleted.entries.splice(30, 1);
    deleted.entries.pop();
    expect(await codes(deleted)).toEqual([
      { code: 'ERR_GAP', index: 30 },
      { code: 'ERR_GAP', index: 49 },
    ]);
    const swapped = clone(full());
    [swapped.entries[20], swapped.entries[21]] = [swapped.entries[21] as never, swapped.entries[20] as never];
    expect((await codes(swapped)).map((p) => p.code)).toContain('ERR_ORDER');
    const inserted = clone(full());
    inserted.entries.splice(8, 0, { index: 7, entry: { seq: 7, officer: 'hmac:forged' }, proof: [] });
    expect(await codes(inserted)).toEqual([{ code: 'ERR_EXTRA_ENTRY', index: 7 }]);
    const forged = clone(full());
    forged.checkpoints[1] = forgedSignatureNote;
    expect(await codes(forged)).toEqual([{ code: 'ERR_SIGNATURE', checkpoint: 1 }]);
    const forked = clone(full());
    forked.checkpoints[1] = forkNote;
    expect((await codes(forked)).map((p) => p.code)).toEqual(['ERR_INCONSISTENT', 'ERR_INCONSISTENT']);
  });

  it('refuse what is not an export', async () => {
    for (const bad of ['[1]', '{"format":', '{"entries":[1,]}', '{} x']) await expect(streamVerify(bad, vkey)).rejects.toThrow(SyntaxError);
    const r = await streamVerify(JSON.stringify({ ...full(), format: 'v0' }), vkey);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toContain('ERR_MALFORMED');
  });
});
