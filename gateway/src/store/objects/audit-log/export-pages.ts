/**
 * One page of a log export: entries of a range with their inclusion proofs in the anchor tree, cut
 * so that no single answer of the object grows with the log. Synchronous over the object's storage.
 */
import { createExportEntries, type ExportedEntry, type NodeLookup } from '@need2know/audit';
import { entryRows } from './tree.js';

/**
 * Most entries one export page carries. A Durable Object's RPC result is limited to 32 MiB; with its
 * inclusion proof (≤ 64 hashes of 44 characters) a page of 1,000 typical entries is about 2 MB.
 */
export const EXPORT_PAGE_ENTRIES = 1_000;
/** Most bytes of entry text one export page carries (ingest entries can be long): far below the RPC limit. */
export const EXPORT_PAGE_BYTES = 8 * 1024 * 1024;

/** The leading rows of `rows` whose text fits in `maxBytes` (always at least one), parsed. */
export function fitPage(rows: readonly { readonly entry: string }[], maxBytes: number): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (entries.length > 0 && bytes + row.entry.length > maxBytes) break;
    bytes += row.entry.length;
    entries.push(JSON.parse(row.entry) as Record<string, unknown>);
  }
  return entries;
}

/** `lookup` reading each node once: neighbouring entries of a page share most proof nodes. */
export function memoLookup(lookup: NodeLookup): NodeLookup {
  const seen = new Map<string, Uint8Array | undefined>();
  return (level, index) => {
    const key = `${level}/${index}`;
    if (!seen.has(key)) seen.set(key, lookup(level, index));
    return seen.get(key);
  };
}

/**
 * Entries from `from` on, before `end`, each with its inclusion proof in the tree of `anchor`
 * leaves (the log holding `size`): at most {@link EXPORT_PAGE_ENTRIES} entries and about
 * {@link EXPORT_PAGE_BYTES} of them (always at least one). `next` is where the following page starts.
 *
 * @throws TypeError when the range is not inside the anchor's tree.
 */
export function exportPageOf(
  sql: SqlStorage,
  lookup: NodeLookup,
  size: number,
  from: number,
  end: number,
  anchor: number,
): { entries: ExportedEntry[]; next: number } {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(end) || !Number.isSafeInteger(anchor) || from < 0 || from > end || end > anchor || anchor > size) {
    throw new TypeError('exportPage: the range must lie in the anchor tree');
  }
  const entries = fitPage(entryRows(sql, from, end, EXPORT_PAGE_ENTRIES), EXPORT_PAGE_BYTES);
  return { entries: createExportEntries(from, entries, anchor, memoLookup(lookup)), next: from + entries.length };
}
