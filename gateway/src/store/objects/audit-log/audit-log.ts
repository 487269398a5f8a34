import {
  createExportFrame,
  formatVerifierKey,
  limitedEntry,
  type AdminLogEntry,
  type DisclosureLogEntry,
  type ExportedEntry,
  type ExportFrame,
  type LogEntry,
  type NodeLookup,
  type NoteSigner,
} from '@need2know/audit';
import { KeyRing } from '@need2know/crypto';
import { DurableObject } from 'cloudflare:workers';
import { carryAdminEntries } from './admin-events.js';
import { admit, ADMISSION_SCHEMA, type AdmissionRequest } from './admission.js';
import { checkpointOfSize, checkpointOfTree, checkpointSigner, newestCheckpoint } from './checkpoints.js';
import { hasDisclosure } from './disclosure-index.js';
import { exportPageOf } from './export-pages.js';
import { IndexWriter } from './index-writer.js';
import { consistencyOf, inclusionOf } from './proofs.js';
import type { AdmittedEntry, AuditLogPort, Nonce } from '../../ports/objects.js';
import { SPENT_PROOF_SCHEMA, spendOnce } from './spent-proofs.js';
import { appendEntries, entryRangeByTime, nodeLookup, readCursor, readFrontier, startIndexCursor, TREE_SCHEMA } from './tree.js';

/**
 * Field-key version the object's key ring is opened at. The checkpoint key (`signingSeed`) is the
 * same at every version, so the object needs no reading of the field-key versions to sign.
 */
const CHECKPOINT_RING_VERSION = 1;

/** What the log object needs from the Worker's bindings. */
interface AuditLogEnv {
  readonly N2K_ROOT_SECRET: string;
  /** The D1 database holding the disclosure index. */
  readonly DB: D1Database;
}

export type { AdmittedEntry } from '../../ports/objects.js';

/**
 * The tamper-evident log: every entry is a leaf of an RFC 9162 Merkle tree, appended in one
 * serialised order (this object), with every complete subtree hash stored so that inclusion and
 * consistency proofs are answered from storage. Checkpoints are signed notes (c2sp.org/tlog-
 * checkpoint) under the key ring's checkpoint key; its public key is published.
 *
 * More duties ride on the order it already imposes, so that answering a record request costs one
 * call: spending the request's DPoP proof and counting it against the per-grant and per-client rate
 * limits, atomically with its entry (`admitAndAppend`); and the D1 index of disclosures, written by
 * an alarm shortly after the appends from a persisted cursor (see `flushIndex`).
 *
 * The class routes calls and owns the atomic step: each duty is a small synchronous module beside it
 * (tree.ts, admission.ts, spent-proofs.ts, admin-events.ts, checkpoints.ts, proofs.ts, export-pages.ts,
 * disclosure-index.ts, index-writer.ts); each step that writes runs as one storage transaction with no
 * `await` inside, so it is serialised with every other call and undone whole when it fails.
 */
export class AuditLog extends DurableObject<AuditLogEnv> implements AuditLogPort {
  #signer: Promise<NoteSigner> | undefined;
  readonly #index: IndexWriter;
  readonly #lookup: NodeLookup;

  constructor(ctx: DurableObjectState, env: AuditLogEnv) {
    super(ctx, env);
    this.#index = new IndexWriter({ sql: ctx.storage.sql, db: env.DB, setAlarm: (at) => ctx.storage.setAlarm(at) });
    this.#lookup = nodeLookup(ctx.storage.sql);
    ctx.blockConcurrencyWhile(async () => {
      const sql = this.ctx.storage.sql;
      for (const statement of [...TREE_SCHEMA, ...ADMISSION_SCHEMA, ...SPENT_PROOF_SCHEMA]) sql.exec(statement);
      startIndexCursor(sql);
      // An index write interrupted by an eviction resumes with the object.
      if (this.#index.behind()) this.#index.later();
    });
  }

  get #sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  #size(): number {
    return readFrontier(this.#sql).size;
  }

  /**
   * Runs `step` as one storage transaction: everything it wrote is undone when it throws, so a
   * failed step (an entry that cannot be hashed, in the middle of a batch) leaves no half-appended
   * entry, no spent proof and no counted request behind it.
   */
  #atomically<T>(step: () => T): T {
    return this.ctx.storage.transactionSync(step);
  }

  /**
   * Appends `entries` in order and returns the index of the first and the new size. Runs without an
   * `await` between reading and writing the frontier, so concurrent appends are serialised and the
   * log has no gaps or duplicates; the write is durable before the promise resolves.
   */
  async append(entries: readonly LogEntry[]): Promise<{ first: number; size: number }> {
    const appended = this.#atomically(() => appendEntries(this.#sql, entries));
    if (hasDisclosure(entries)) this.#index.later();
    return appended;
  }

  /**
   * Spends the request's DPoP `proof` (when given), counts the request against its limits and
   * appends what happened, in one atomic step (no `await` between them): `admitted` when every limit
   * allows the request, otherwise `refused` with the limit that said no (`limit`). A proof spent
   * before stops everything: nothing is counted or appended. Nothing can be disclosed between the
   * decision and its record, and no request is answered twice.
   */
  async admitAndAppend(request: AdmissionRequest, admitted: DisclosureLogEntry, refused: DisclosureLogEntry, proof?: Nonce): Promise<AdmittedEntry> {
    const outcome = this.#atomically((): AdmittedEntry => {
      if (proof !== undefined && !spendOnce(this.#sql, proof, request.now)) return { replayed: true };
      const decision = admit(this.#sql, request);
      const { first } = appendEntries(this.#sql, [decision.ok ? admitted : limitedEntry(refused, decision.limit)]);
      return { ...decision, replayed: false, index: first };
    });
    if (!outcome.replayed) this.#index.later();
    return outcome;
  }

  /**
   * Appends `entry` only when `request` is within its limits, counted in the same atomic step;
   * otherwise appends and counts nothing and returns false. Bounds what anonymous callers can add
   * to a log whose entries can never be removed.
   */
  async appendIfAdmitted(request: AdmissionRequest, entry: LogEntry): Promise<boolean> {
    const appended = this.#atomically(() => {
      if (!admit(this.#sql, request).ok) return false;
      appendEntries(this.#sql, [entry]);
      return true;
    });
    if (appended && hasDisclosure([entry])) this.#index.later();
    return appended;
  }

  /** Spends a DPoP proof of a request that was refused before its answer was logged: false when spent before. */
  async spendProof(proof: Nonce, now: number): Promise<boolean> {
    return spendOnce(this.#sql, proof, now);
  }

  /**
   * Resolves once the D1 disclosure index holds every disclosure appended before the call (readers
   * of the index call it first). Throws when D1 cannot be written; the entries stay in the log and
   * the index catches up later.
   */
  async flushIndex(): Promise<void> {
    await this.#index.flush();
  }

  override async alarm(): Promise<void> {
    await this.#index.alarm();
  }

  /** The highest administrative event `seq` already carried into the log (0 when none). */
  async adminCursor(): Promise<number> {
    return readCursor(this.#sql, 'admin_seq');
  }

  /**
   * Carries administrative events (already hash-chained in D1) into the log, skipping those carried
   * before, so running it twice or concurrently appends each event exactly once.
   */
  async appendAdminEvents(entries: readonly AdminLogEntry[]): Promise<number> {
    return this.#atomically(() => carryAdminEntries(this.#sql, entries));
  }

  /** The index range [start, end) of entries whose `at` lies in [since, until); null when none. */
  async indexRange(since: number, until: number): Promise<{ start: number; end: number } | null> {
    return entryRangeByTime(this.#sql, since, until);
  }

  /** Current number of entries. */
  async size(): Promise<number> {
    return this.#size();
  }

  /** The checkpoint signer, made once per instance (a failure is not kept: the next call tries again). */
  #signerFor(origin: string): Promise<NoteSigner> {
    // A root secret that is missing or shorter than 32 bytes throws here, and nothing is signed.
    this.#signer ??= Promise.resolve().then(() =>
      checkpointSigner(KeyRing.fromBase64url(this.env.N2K_ROOT_SECRET ?? '', { currentVersion: CHECKPOINT_RING_VERSION }), origin),
    );
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
    return checkpointOfTree(this.#sql, readFrontier(this.#sql), origin, () => this.#signerFor(origin), now);
  }

  /**
   * The newest stored checkpoint, made by the schedule: reading it makes nothing. Only a log that has
   * none yet gets its first one here.
   */
  async latestCheckpoint(origin: string, now: number): Promise<string> {
    return newestCheckpoint(this.#sql)?.note ?? this.checkpoint(origin, now);
  }

  /** Entry `index` and its inclusion proof in the tree of `size` leaves (base64 hashes). */
  async inclusion(index: number, size: number): Promise<{ entry: Record<string, unknown>; proof: string[] } | null> {
    return inclusionOf(this.#sql, this.#lookup, this.#size(), index, size);
  }

  /** Consistency proof between the trees of `from` and `to` leaves (base64 hashes). */
  async consistency(from: number, to: number): Promise<string[] | null> {
    return consistencyOf(this.#lookup, this.#size(), from, to);
  }

  /**
   * The frame of an export of entries [start, end) (`end` cut to the log's size): its checkpoints, the
   * consistency proofs between them and the anchor size. The entries follow page by page
   * ({@link exportPage}), so no single call returns anything that grows with the log. With `anchor`
   * (the size of a stored checkpoint), the frame proves in that checkpoint, so the parts of one long
   * export share it; null when no checkpoint has that size.
   *
   * Without `anchor` the export carries one checkpoint, which is all its verification needs: the
   * newest the schedule made, when it covers the segment; otherwise (entries appended in the last
   * minute) one made for the privacy officer's export. Never every stored checkpoint: an export's size
   * depends on its entries only.
   */
  async exportFrame(origin: string, start: number, end: number, now: number, anchor?: number): Promise<ExportFrame | null> {
    if (anchor === undefined) {
      const stop = Math.max(start, Math.min(end, this.#size()));
      const newest = newestCheckpoint(this.#sql);
      const note = newest !== undefined && newest.size >= stop ? newest.note : await this.checkpoint(origin, now);
      return createExportFrame({ origin, start, end: stop, checkpoints: [note], getNode: this.#lookup });
    }
    // The next part of an export begun earlier: proven in the same checkpoint, the anchor.
    const stop = Math.max(start, Math.min(end, anchor));
    const note = checkpointOfSize(this.#sql, anchor);
    if (note === undefined) return null;
    return createExportFrame({ origin, start, end: stop, checkpoints: [note], getNode: this.#lookup });
  }

  /**
   * Entries from `from` on, before `end`, each with its inclusion proof in the tree of `anchor`
   * leaves, a page at a time (see export-pages.ts). `next` is where the following page starts.
   *
   * @throws TypeError when the range is not inside the anchor's tree.
   */
  async exportPage(from: number, end: number, anchor: number): Promise<{ entries: ExportedEntry[]; next: number }> {
    return exportPageOf(this.#sql, this.#lookup, this.#size(), from, end, anchor);
  }
}
