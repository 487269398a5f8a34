/**
 * Writes the D1 disclosure index behind the log's appends: an alarm shortly after an append indexes
 * everything appended meanwhile in one D1 batch, from a cursor persisted in the object, so the
 * index may trail the log by moments but never loses an entry. Readers of the index flush first.
 */
import { indexStatements, pendingDisclosures } from './disclosure-index.js';
import { readCursor, readFrontier, writeCursor } from './tree.js';

/** Log entries read per D1 index batch. */
const INDEX_BATCH = 200;
/**
 * How long appended disclosures wait before the object indexes them in D1 (ms): one write then
 * carries everything appended meanwhile. Writing the index row behind every append instead made each
 * disclosure pay for the previous one's D1 write (measured: privacy overhead ×2.0–2.3 against ×1.5).
 * Readers never wait this long: they flush first.
 */
export const INDEX_DELAY_MS = 1_000;
/** How soon a D1 index write that failed is tried again (ms); the alarm backs off after that. */
export const INDEX_RETRY_MS = 5_000;

/** What the writer needs of its object: its storage, the D1 database, and its alarm. */
export interface IndexWriterPorts {
  readonly sql: SqlStorage;
  readonly db: D1Database;
  readonly setAlarm: (at: number) => Promise<void>;
}

/** The index writer of one log object (one per instance: it remembers the write in progress and the alarm it set). */
export class IndexWriter {
  readonly #ports: IndexWriterPorts;
  /** The index write in progress, if any (one at a time). */
  #indexing: Promise<void> | undefined;
  /** Whether this instance already set the alarm that will index what was appended. */
  #scheduled = false;

  constructor(ports: IndexWriterPorts) {
    this.#ports = ports;
  }

  /** Whether the log holds entries the index has not looked at yet. */
  behind(): boolean {
    return readCursor(this.#ports.sql, 'index_next') < readFrontier(this.#ports.sql).size;
  }

  /**
   * Makes sure the index is written soon: an alarm (stored with the append it follows, so it
   * survives an eviction) {@link INDEX_DELAY_MS} from now, unless one is already set.
   */
  later(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    void this.#ports.setAlarm(Date.now() + INDEX_DELAY_MS);
  }

  /**
   * Resolves once the index holds every disclosure appended before the call. Throws when D1 cannot
   * be written; the entries stay in the log and the index catches up later.
   */
  async flush(): Promise<void> {
    while (this.behind()) await this.#start();
  }

  /** The alarm: flush, or try again {@link INDEX_RETRY_MS} later when D1 failed (the cursor stayed where it was). */
  async alarm(): Promise<void> {
    this.#scheduled = false;
    try {
      await this.flush();
    } catch (err) {
      console.error('disclosure index behind the log; retrying', err);
      this.#scheduled = true;
      await this.#ports.setAlarm(Date.now() + INDEX_RETRY_MS);
    }
  }

  #start(): Promise<void> {
    this.#indexing ??= this.#drain().finally(() => {
      this.#indexing = undefined;
    });
    return this.#indexing;
  }

  /**
   * Writes the index rows of entries from the cursor on, a batch at a time, moving the cursor only
   * after D1 committed each batch. Appends made meanwhile are picked up before it returns.
   */
  async #drain(): Promise<void> {
    const { sql, db } = this.#ports;
    for (let batch = pendingDisclosures(sql, INDEX_BATCH); batch !== null; batch = pendingDisclosures(sql, INDEX_BATCH)) {
      if (batch.entries.length > 0) await db.batch(indexStatements(db, batch.entries));
      writeCursor(sql, 'index_next', batch.next);
    }
  }
}
