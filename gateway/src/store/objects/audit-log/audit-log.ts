import { consistencyProof, createExportEntries, createExportFrame, formatCheckpoint, formatVerifierKey, inclusionProof, rootOf, signCheckpoint, type CompactRange, type ExportedEntry, type ExportFrame, type NodeLookup, type NoteSigner } from '@need2know/audit';
import { DurableObject } from 'cloudflare:workers';
import { admit, ADMISSION_SCHEMA, type Admission, type AdmissionRequest } from './admission.js';
import { DISCLOSURE_KIND, indexStatements } from './disclosure-index.js';
import type { Nonce } from '../replay-guard/replay-guard.js';
import { checkpointOfSize, checkpointSigner, newestCheckpoint, storeCheckpoint } from './checkpoints.js';
import { SPENT_PROOF_SCHEMA, spendOnce } from './spent-proofs.js';
import { appendEntries, entryRangeByTime, entryRows, entryText, nodeLookup, readCursor, readFrontier, startIndexCursor, TREE_SCHEMA, writeCursor } from './tree.js';

const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

/** Log entries read per D1 index batch. */
const INDEX_BATCH = 200;
/**
 * How long appended disclosures wait before the object indexes them in D1 (ms): one write then
 * carries everything appended meanwhile. Writing the index row behind every append instead made each
 * disclosure pay for the previous one's D1 write (measured: privacy overhead ×2.0–2.3 against ×1.5).
 * Readers never wait this long: they flush first.
 */
const INDEX_DELAY_MS = 1_000;
/**
 * Most entries one export page carries. A Durable Object's RPC result is limited to 32 MiB; with its
 * inclusion proof (≤ 64 hashes of 44 characters) a page of 1,000 typical entries is about 2 MB.
 */
const EXPORT_PAGE_ENTRIES = 1_000;
/** Most bytes of entry text one export page carries (ingest entries can be long): far below the RPC limit. */
const EXPORT_PAGE_BYTES = 8 * 1024 * 1024;
/** How soon a D1 index write that failed is tried again (ms); the alarm backs off after that. */
const INDEX_RETRY_MS = 5_000;

/** What the log object needs from the Worker's bindings. */
interface AuditLogEnv {
  readonly N2K_ROOT_SECRET: string;
  /** The D1 database holding the disclosure index. */
  readonly DB: D1Database;
}

/**
 * An admission decided and its outcome appended (where the entry stands in the log), or a request
 * whose DPoP proof was spent before: then nothing was counted or appended.
 */
export type AdmittedEntry = { readonly replayed: true } | (Admission & { readonly replayed: false; readonly index: number });

/**
 * The tamper-evident log: every entry is a leaf of an RFC 9162 Merkle tree, appended in one
 * serialised order (this object), with every complete subtree hash stored so that inclusion and
 * consistency proofs are answered from storage. Checkpoints are signed notes (c2sp.org/tlog-
 * checkpoint) under an Ed25519 key derived from the root secret; its public key is published.
 *
 * More duties ride on the order it already imposes, so that answering a record request costs one
 * call: spending the request's DPoP proof and counting it against the per-grant and per-client rate
 * limits, atomically with its entry (`admitAndAppend`); and the D1 index of disclosures, written by
 * an alarm shortly after the appends from a persisted cursor (see `flushIndex`).
 */
export class AuditLog extends DurableObject<AuditLogEnv> {
  #signer: Promise<NoteSigner> | undefined;
  /** The index write in progress, if any (one at a time). */
  #indexing: Promise<void> | undefined;
  /** Whether this instance already set the alarm that will index what was appended. */
  #indexScheduled = false;

  constructor(ctx: DurableObjectState, env: AuditLogEnv) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const sql = this.ctx.storage.sql;
      for (const statement of [...TREE_SCHEMA, ...ADMISSION_SCHEMA, ...SPENT_PROOF_SCHEMA]) sql.exec(statement);
      startIndexCursor(sql);
      // An index write interrupted by an eviction resumes with the object.
      if (this.#indexBehind()) this.#indexLater();
    });
  }

  #frontier(): CompactRange {
    return readFrontier(this.ctx.storage.sql);
  }

  #lookup: NodeLookup = nodeLookup(this.ctx.storage.sql);

  /**
   * Appends `entries` in order and returns the index of the first and the new size. Runs without an
   * `await` between reading and writing the frontier, so concurrent appends are serialised and the
   * log has no gaps or duplicates; the write is durable before the promise resolves.
   */
  async append(entries: readonly Record<string, unknown>[]): Promise<{ first: number; size: number }> {
    const appended = this.#appendSync(entries);
    if (entries.some((e) => e.kind === DISCLOSURE_KIND)) this.#indexLater();
    return appended;
  }

  /**
   * Spends the request's DPoP `proof` (when given), counts the request against its limits and
   * appends what happened, in one atomic step (no `await` between them): `admitted` when every limit
   * allows the request, otherwise `refused` with the limit that said no (`limit`). A proof spent
   * before stops everything: nothing is counted or appended. Nothing can be disclosed between the
   * decision and its record, and no request is answered twice.
   */
  async admitAndAppend(request: AdmissionRequest, admitted: Record<string, unknown>, refused: Record<string, unknown>, proof?: Nonce): Promise<AdmittedEntry> {
    if (proof !== undefined && !spendOnce(this.ctx.storage.sql, proof, request.now)) return { replayed: true };
    const decision = admit(this.ctx.storage.sql, request);
    const entry = decision.ok ? admitted : { ...refused, limit: decision.limit };
    const { first } = this.#appendSync([entry]);
    if (entry.kind === DISCLOSURE_KIND) this.#indexLater();
    return { ...decision, replayed: false, index: first };
  }

  /**
   * Appends `entry` only when `request` is within its limits, counted in the same atomic step;
   * otherwise appends and counts nothing and returns false. Bounds what anonymous callers can add
   * to a log whose entries can never be removed.
   */
  async appendIfAdmitted(request: AdmissionRequest, entry: Record<string, unknown>): Promise<boolean> {
    if (!admit(this.ctx.storage.sql, request).ok) return false;
    this.#appendSync([entry]);
    return true;
  }

  /** Spends a DPoP proof of a request that was refused before its answer was logged: false when spent before. */
  async spendProof(proof: Nonce, now: number): Promise<boolean> {
    return spendOnce(this.ctx.storage.sql, proof, now);
  }

  /**
   * Resolves once the D1 disclosure index holds every disclosure appended before the call (readers
   * of the index call it first). Throws when D1 cannot be written; the entries stay in the log and
   * the index catches up later.
   */
  async flushIndex(): Promise<void> {
    while (this.#indexBehind()) await this.#startIndexing();
  }

  override async alarm(): Promise<void> {
    this.#indexScheduled = false;
    try {
      await this.flushIndex();
    } catch (err) {
      // The cursor stayed where it was; try again (the runtime also retries a failed alarm).
      console.error('disclosure index behind the log; retrying', err);
      this.#indexScheduled = true;
      await this.ctx.storage.setAlarm(Date.now() + INDEX_RETRY_MS);
    }
  }

  #indexNext(): number {
    return readCursor(this.ctx.storage.sql, 'index_next');
  }

  #indexBehind(): boolean {
    return this.#indexNext() < this.#frontier().size;
  }

  #startIndexing(): Promise<void> {
    this.#indexing ??= this.#drainIndex().finally(() => {
      this.#indexing = undefined;
    });
    return this.#indexing;
  }

  /**
   * Makes sure the index is written soon: an alarm (stored with the append it follows, so it
   * survives an eviction) {@link INDEX_DELAY_MS} from now, unless one is already set.
   */
  #indexLater(): void {
    if (this.#indexScheduled) return;
    this.#indexScheduled = true;
    void this.ctx.storage.setAlarm(Date.now() + INDEX_DELAY_MS);
  }

  /**
   * Writes the index rows of entries from the cursor on, a batch at a time, moving the cursor only
   * after D1 committed each batch. Entries of other kinds are passed over. Appends made meanwhile
   * are picked up before it returns.
   */
  async #drainIndex(): Promise<void> {
    const sql = this.ctx.storage.sql;
    for (;;) {
      const rows = entryRows(sql, this.#indexNext(), Number.MAX_SAFE_INTEGER, INDEX_BATCH);
      const last = rows.at(-1);
      if (last === undefined) return;
      const entries = rows.map((r) => ({ idx: r.idx, entry: JSON.parse(r.entry) as Record<string, unknown> })).filter((e) => e.entry.kind === DISCLOSURE_KIND);
      if (entries.length > 0) await this.env.DB.batch(indexStatements(this.env.DB, entries));
      writeCursor(sql, 'index_next', last.idx + 1);
    }
  }

  #appendSync(entries: readonly Record<string, unknown>[]): { first: number; size: number } {
    return appendEntries(this.ctx.storage.sql, entries);
  }

  /** The highest administrative event `seq` already carried into the log (0 when none). */
  async adminCursor(): Promise<number> {
    return readCursor(this.ctx.storage.sql, 'admin_seq');
  }

  /**
   * Carries administrative events (already hash-chained in D1) into the log, skipping those carried
   * before, so running it twice or concurrently appends each event exactly once.
   */
  async appendAdminEvents(events: readonly (Record<string, unknown> & { seq: number })[]): Promise<number> {
    const cursor = readCursor(this.ctx.storage.sql, 'admin_seq');
    const fresh = events.filter((e) => e.seq > cursor).sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return 0;
    this.#appendSync(fresh.map((e) => ({ kind: 'admin', ...e })));
    writeCursor(this.ctx.storage.sql, 'admin_seq', fresh.at(-1)?.seq ?? cursor);
    return fresh.length;
  }

  /** The index range [start, end) of entries whose `at` lies in [since, until); null when none. */
  async indexRange(since: number, until: number): Promise<{ start: number; end: number } | null> {
    return entryRangeByTime(this.ctx.storage.sql, since, until);
  }

  /** Current number of entries. */
  async size(): Promise<number> {
    return this.#frontier().size;
  }

  /** The checkpoint signer, made once per instance (a failure is not kept: the next call tries again). */
  #signerFor(origin: string): Promise<NoteSigner> {
    this.#signer ??= checkpointSigner(this.env.N2K_ROOT_SECRET, origin);
    this.#signer.catch(() => {
      this.#signer = undefined;
    });
    return this.#signer;
  }

  /** The verifier key (signed-note `vkey`) outsiders use to check checkpoints. */
  async verifierKey(origin: string): Promise<string> {
    const signer = await this.#signerFor(origin);
    return formatVerifierKey(signer.keyName, signer.publicKey);
  }

  /**
   * A signed checkpoint of the current tree, made and stored if the tree grew since the last one.
   * The gateway's schedule calls this (housekeeping, once a minute), so checkpoints accrue at most
   * once a minute whatever callers do; anonymous readers get {@link latestCheckpoint}.
   */
  async checkpoint(origin: string, now: number): Promise<string> {
    const state = this.#frontier();
    const existing = checkpointOfSize(this.ctx.storage.sql, state.size);
    if (existing !== undefined) return existing;
    const note = await signCheckpoint(formatCheckpoint({ origin, size: state.size, root: rootOf(state) }), await this.#signerFor(origin));
    storeCheckpoint(this.ctx.storage.sql, state.size, note, now);
    return note;
  }

  /**
   * The newest stored checkpoint, made by the schedule: reading it makes nothing. Only a log that has
   * none yet gets its first one here.
   */
  async latestCheckpoint(origin: string, now: number): Promise<string> {
    return newestCheckpoint(this.ctx.storage.sql)?.note ?? this.checkpoint(origin, now);
  }

  /** Entry `index` and its inclusion proof in the tree of `size` leaves (base64 hashes). */
  async inclusion(index: number, size: number): Promise<{ entry: Record<string, unknown>; proof: string[] } | null> {
    const text = entryText(this.ctx.storage.sql, index);
    if (text === undefined || index >= size || size > this.#frontier().size) return null;
    return { entry: JSON.parse(text) as Record<string, unknown>, proof: inclusionProof(index, size, this.#lookup).map(b64) };
  }

  /** Consistency proof between the trees of `from` and `to` leaves (base64 hashes). */
  async consistency(from: number, to: number): Promise<string[] | null> {
    if (from < 1 || from > to || to > this.#frontier().size) return null;
    return consistencyProof(from, to, this.#lookup).map(b64);
  }

  /**
   * The one checkpoint an export of entries up to `stop` carries, which is all its verification
   * needs: the newest the schedule made, when it covers the segment; otherwise (entries appended in
   * the last minute) one made for the privacy officer's export. Never every stored checkpoint: an
   * export's size depends on its entries only.
   */
  async #exportCheckpoints(origin: string, stop: number, now: number): Promise<string[]> {
    const newest = newestCheckpoint(this.ctx.storage.sql);
    return [newest !== undefined && newest.size >= stop ? newest.note : await this.checkpoint(origin, now)];
  }

  /**
   * The frame of an export of entries [start, end) (`end` cut to the log's size): its checkpoints, the
   * consistency proofs between them and the anchor size. The entries follow page by page
   * ({@link exportPage}), so no single call returns anything that grows with the log. With `anchor`
   * (the size of a stored checkpoint), the frame proves in that checkpoint, so the parts of one long
   * export share it; null when no checkpoint has that size.
   */
  async exportFrame(origin: string, start: number, end: number, now: number, anchor?: number): Promise<ExportFrame | null> {
    if (anchor === undefined) {
      const stop = Math.max(start, Math.min(end, this.#frontier().size));
      return createExportFrame({ origin, start, end: stop, checkpoints: await this.#exportCheckpoints(origin, stop, now), getNode: this.#lookup });
    }
    // The next part of an export begun earlier: proven in the same checkpoint, the anchor.
    const stop = Math.max(start, Math.min(end, anchor));
    const note = checkpointOfSize(this.ctx.storage.sql, anchor);
    if (note === undefined) return null;
    return createExportFrame({ origin, start, end: stop, checkpoints: [note], getNode: this.#lookup });
  }

  /**
   * Entries from `from` on, before `end`, each with its inclusion proof in the tree of `anchor`
   * leaves: at most {@link EXPORT_PAGE_ENTRIES} entries and about {@link EXPORT_PAGE_BYTES} of them
   * (always at least one). `next` is where the following page starts.
   *
   * @throws TypeError when the range is not inside the anchor's tree.
   */
  async exportPage(from: number, end: number, anchor: number): Promise<{ entries: ExportedEntry[]; next: number }> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(end) || !Number.isSafeInteger(anchor) || from < 0 || from > end || end > anchor || anchor > this.#frontier().size) {
      throw new TypeError('exportPage: the range must lie in the anchor tree');
    }
    const rows = entryRows(this.ctx.storage.sql, from, end, EXPORT_PAGE_ENTRIES);
    const entries: Record<string, unknown>[] = [];
    let bytes = 0;
    for (const row of rows) {
      if (entries.length > 0 && bytes + row.entry.length > EXPORT_PAGE_BYTES) break;
      bytes += row.entry.length;
      entries.push(JSON.parse(row.entry) as Record<string, unknown>);
    }
    // Neighbouring entries share most proof nodes: read each node once per page.
    const seen = new Map<string, Uint8Array | undefined>();
    const lookup: NodeLookup = (level, index) => {
      const key = `${level}/${index}`;
      if (!seen.has(key)) seen.set(key, this.#lookup(level, index));
      return seen.get(key);
    };
    return { entries: createExportEntries(from, entries, anchor, lookup), next: from + entries.length };
  }
}
