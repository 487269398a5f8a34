/**
 * The log's Merkle tree in the object's SQLite storage: entries (leaves), every complete subtree
 * hash (`nodes`, so proofs are answered from storage), the frontier (compact range of the whole
 * tree) and named cursors. Every function is synchronous, so a caller that runs several without an
 * `await` in between keeps them atomic in the object.
 */
import { decodeHex, encodeHex } from '@need2know/crypto';
import { appendLeafWithNodes, canonicalEntryBytes, emptyCompactRange, leafHash, type CompactRange, type LogEntry, type NodeLookup } from '@need2know/audit';

/** A hash as this module stores it (lower-case hex); anything else means the storage was altered. */
function storedHash(text: string): Uint8Array {
  const bytes = decodeHex(text);
  if (bytes === undefined) throw new Error('the log storage holds a hash that is not hex');
  return bytes;
}

/** Tables of the tree, the stored checkpoints and the cursors (created by the object at start). */
export const TREE_SCHEMA = [
  'CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, entry TEXT NOT NULL, leaf TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (level, idx))',
  'CREATE TABLE IF NOT EXISTS frontier (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, hashes TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, at INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL)',
] as const;

/** Named positions the object keeps: the next entry to index in D1, the last administrative event carried. */
export type CursorName = 'index_next' | 'admin_seq';

/** The frontier of the whole tree (its size and the roots of its perfect subtrees). */
export function readFrontier(sql: SqlStorage): CompactRange {
  const row = sql.exec<{ size: number; hashes: string }>('SELECT size, hashes FROM frontier WHERE id = 1').toArray()[0];
  return row === undefined ? emptyCompactRange() : { size: row.size, hashes: (JSON.parse(row.hashes) as string[]).map(storedHash) };
}

/** Reads a stored subtree hash (undefined when that subtree is not complete). */
export function nodeLookup(sql: SqlStorage): NodeLookup {
  return (level, index) => {
    const row = sql.exec<{ hash: string }>('SELECT hash FROM nodes WHERE level = ? AND idx = ?', level, index).toArray()[0];
    return row === undefined ? undefined : storedHash(row.hash);
  };
}

/** Appends `entries` in order with their new subtree hashes and frontier; returns the index of the first and the new size. */
export function appendEntries(sql: SqlStorage, entries: readonly LogEntry[]): { first: number; size: number } {
  let state = readFrontier(sql);
  const first = state.size;
  for (const entry of entries) {
    const leaf = leafHash(canonicalEntryBytes(entry));
    const appended = appendLeafWithNodes(state, leaf);
    sql.exec('INSERT INTO entries (idx, entry, leaf) VALUES (?, ?, ?)', state.size, JSON.stringify(entry), encodeHex(leaf));
    for (const node of appended.nodes)
      sql.exec('INSERT OR REPLACE INTO nodes (level, idx, hash) VALUES (?, ?, ?)', node.level, node.index, encodeHex(node.hash));
    state = appended.state;
  }
  sql.exec('INSERT OR REPLACE INTO frontier (id, size, hashes) VALUES (1, ?, ?)', state.size, JSON.stringify(state.hashes.map((h) => encodeHex(h))));
  return { first, size: state.size };
}

/** The text of entry `index`, or undefined past the end. */
export function entryText(sql: SqlStorage, index: number): string | undefined {
  return sql.exec<{ entry: string }>('SELECT entry FROM entries WHERE idx = ?', index).toArray()[0]?.entry;
}

/** Up to `limit` entries from `from` on, before `end`, in order, as stored (JSON text). */
export function entryRows(sql: SqlStorage, from: number, end: number, limit: number): { idx: number; entry: string }[] {
  return sql.exec<{ idx: number; entry: string }>('SELECT idx, entry FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx LIMIT ?', from, end, limit).toArray();
}

/** The index range [start, end) of entries whose `at` lies in [since, until); null when none. */
export function entryRangeByTime(sql: SqlStorage, since: number, until: number): { start: number; end: number } | null {
  const row = sql
    .exec<{ lo: number | null; hi: number | null }>(
      "SELECT min(idx) AS lo, max(idx) AS hi FROM entries WHERE json_extract(entry, '$.at') >= ? AND json_extract(entry, '$.at') < ?",
      since,
      until,
    )
    .one();
  return row.lo === null || row.hi === null ? null : { start: row.lo, end: row.hi + 1 };
}

/** Cursor `name` (0 when never set). */
export function readCursor(sql: SqlStorage, name: CursorName): number {
  return sql.exec<{ value: number }>('SELECT value FROM cursors WHERE name = ?', name).toArray()[0]?.value ?? 0;
}

/** Sets cursor `name` to `value`. */
export function writeCursor(sql: SqlStorage, name: CursorName, value: number): void {
  sql.exec('INSERT OR REPLACE INTO cursors (name, value) VALUES (?, ?)', name, value);
}

/** Starts the index cursor after the entries already stored (they were indexed by their writers before the object wrote the index). */
export function startIndexCursor(sql: SqlStorage): void {
  sql.exec("INSERT OR IGNORE INTO cursors (name, value) VALUES ('index_next', (SELECT coalesce(max(idx) + 1, 0) FROM entries))");
}
