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
import type { AuditExport, ExportVerification } from './types.js';
import { verifyExport } from './verify-export.js';

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
let otherVkey: string;
let notes: string[];
let forgedSignatureNote: string;
let forkNote: string;

const problems = (r: ExportVerification) => (r.ok ? [] : r.problems.map((p) => ({ code: p.code, index: p.index, checkpoint: p.checkpoint })));
const clone = (e: AuditExport): { -readonly [K in keyof AuditExport]: AuditExport[K] extends readonly (infer T)[] ? T[] : AuditExport[K] } =>
  JSON.parse(JSON.stringify(e)) as never;

beforeAll(async () => {
  log = buildLog(50);
  const key = await generateNoteKey(ORIGIN);
  const other = await generateNoteKey(ORIGIN);
  vkey = key.vkey;
  otherVkey = other.vkey;
  const signer = await ed25519NoteSigner(ORIGIN, key.seed);
  const forger = await ed25519NoteSigner(ORIGIN, other.seed);
  const body = (size: number, root = log.roots[size - 1] as Uint8Array) => formatCheckpoint({ origin: ORIGIN, size, root });
  notes = await Promise.all(SIZES.map((s) => signCheckpoint(body(s), signer)));
  forgedSignatureNote = await signCheckpoint(body(33), forger);
  // A fork: a correctly signed checkpoint of size 33 over a different history.
  forkNote = await signCheckpoint(body(33, leafHash(new Uint8Array([1]))), signer);
});

const full = () => createExport({ origin: ORIGIN, start: 0, entries: log.entries, checkpoints: notes, getNode: log.getNode });

describe('verifyExport', () => {
  it('accepts a 50-entry log with 3 checkpoints, after a JSON round trip', async () => {
    const exp = JSON.parse(JSON.stringify(full())) as unknown;
    const r = await verifyExport(exp, vkey);
    expect(r).toMatchObject({ ok: true, size: 50, start: 0, end: 50 });
  });

  it('accepts a segment [10, 25) proven against the size-50 checkpoint', async () => {
    const exp = createExport({ origin: ORIGIN, start: 10, entries: log.entries.slice(10, 25), checkpoints: notes, getNode: log.getNode });
    expect(await verifyExport(exp, vkey)).toMatchObject({ ok: true, start: 10, end: 25 });
  });

  it('locates an edited entry', async () => {
    const exp = clone(full());
    (exp.entries[12] as { entry: Record<string, unknown> }).entry['purpose'] = 'curiosity';
    expect(problems(await verifyExport(exp, vkey))).toEqual([{ code: 'ERR_ENTRY_MISMATCH', index: 12 }]);
  });

  it('locates a deleted entry, in the middle and at the end', async () => {
    const exp = clone(full());
    exp.entries.splice(30, 1);
    expect(problems(await verifyExport(exp, vkey))).toEqual([{ code: 'ERR_GAP', index: 30 }]);
    exp.entries.pop();
    expect(problems(await verifyExport(exp, vkey))).toEqual([
      { code: 'ERR_GAP', index: 30 },
      { code: 'ERR_GAP', index: 49 },
    ]);
  });

  it('locates reordered entries', async () => {
    const exp = clone(full());
    const [a, b] = [exp.entries[20], exp.entries[21]];
    exp.entries[20] = b as never;
    exp.entries[21] = a as never;
    expect(problems(await verifyExport(exp, vkey))).toEqual([{ code: 'ERR_ORDER', index: 20 }]);
  });

  it('locates an inserted entry, whether it reuses an index or extends the segment', async () => {
    const exp = clone(full());
    const real = exp.entries[7] as { proof: readonly string[] };
    exp.entries.splice(7, 0, { index: 7, entry: { seq: 7, action: 'disclose', officer: 'hmac:forged' }, proof: real.proof });
    expect(problems(await verifyExport(exp, vkey))).toEqual([{ code: 'ERR_EXTRA_ENTRY', index: 7 }]);
    const tail = clone(full());
    tail.entries.push({ index: 50, entry: { seq: 50 }, proof: [] });
    expect(problems(await verifyExport(tail, vkey))).toEqual([{ code: 'ERR_EXTRA_ENTRY', index: 50 }]);
  });

  it('locates a checkpoint with a forged signature', async () => {
    const exp = clone(full());
    exp.checkpoints[1] = forgedSignatureNote;
    expect(problems(await verifyExport(exp, vkey))).toEqual([{ code: 'ERR_SIGNATURE', checkpoint: 1 }]);
    expect(problems(await verifyExport(full(), otherVkey)).map((p) => p.code)).toEqual(['ERR_SIGNATURE', 'ERR_SIGNATURE', 'ERR_SIGNATURE']);
  });

  it('locates a properly signed checkpoint that forks the log', async () => {
    const exp = clone(full());
    exp.checkpoints[1] = forkNote;
    expect(problems(await verifyExport(exp, vkey))).toEqual([
      { code: 'ERR_INCONSISTENT', checkpoint: 1 },
      { code: 'ERR_INCONSISTENT', checkpoint: 2 },
    ]);
  });

  it('returns ERR_MALFORMED and never throws on garbage', async () => {
    for (const bad of [
      null,
      'x',
      42,
      {},
      { ...full(), format: 'v0' },
      { ...full(), checkpoints: [] },
      { ...full(), consistency: [] },
      { ...full(), entries: [{ index: -1 }] },
    ]) {
      const r = await verifyExport(bad, vkey);
      expect(r.ok).toBe(false);
      expect(problems(r).map((p) => p.code)).toContain('ERR_MALFORMED');
    }
    const exp = clone(full());
    exp.checkpoints[0] = 'not a note';
    expect(problems(await verifyExport(exp, vkey))).toEqual([{ code: 'ERR_MALFORMED', checkpoint: 0 }]);
  });
});
