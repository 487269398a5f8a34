/**
 * The D1 index of disclosures (`disclosures`, `disclosure_subjects`), derived from the tamper-
 * evident log: the log is the record, the index makes reports queries. The log object writes it
 * behind its appends (see `AuditLog`), so the index may trail the log by moments, never lose an
 * entry, and never hold one the log does not.
 */

import type { LogEntry } from '@need2know/audit';
import { entryRows, readCursor } from './tree.js';

/** `kind` of the log entries that are indexed. */
export const DISCLOSURE_KIND = 'disclosure';

/** Whether appending `entries` gives the index anything to write. */
export function hasDisclosure(entries: readonly LogEntry[]): boolean {
  return entries.some((e) => e.kind === DISCLOSURE_KIND);
}

/**
 * A stored log entry of kind `disclosure`, with its position in the log. Read back from the log's
 * text, so its fields are checked where they are used, not trusted to match today's type.
 */
export interface IndexedEntry {
  readonly idx: number;
  readonly entry: Readonly<Record<string, unknown>>;
}

/**
 * Up to `batch` entries from the index cursor on: the disclosures among them, and where the cursor
 * goes once they are indexed (null when the index is up to the log). Entries of other kinds are passed over.
 */
export function pendingDisclosures(sql: SqlStorage, batch: number): { entries: IndexedEntry[]; next: number } | null {
  const rows = entryRows(sql, readCursor(sql, 'index_next'), Number.MAX_SAFE_INTEGER, batch);
  const last = rows.at(-1);
  if (last === undefined) return null;
  const entries = rows.map((r) => ({ idx: r.idx, entry: JSON.parse(r.entry) as Record<string, unknown> })).filter((e) => e.entry.kind === DISCLOSURE_KIND);
  return { entries, next: last.idx + 1 };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Two statements that index `entries` in one batch, whatever their number: every row travels in
 * one JSON parameter (D1 limits a statement to 100 bound parameters). Inserting an entry twice
 * changes nothing, so a batch interrupted after D1 committed can simply run again.
 */
export function indexStatements(db: D1Database, entries: readonly IndexedEntry[]): D1PreparedStatement[] {
  const rows = JSON.stringify(
    entries.map(({ idx, entry: e }) => [
      text(e.id),
      Number(e.at),
      text(e.client),
      text(e.agency),
      text(e.purpose),
      text(e.grant),
      text(e.action),
      text(e.record_type),
      JSON.stringify(Array.isArray(e.subjects) ? e.subjects : []),
      JSON.stringify(e.fields ?? {}),
      text(e.request_hash),
      text(e.response_hash),
      text(e.outcome),
      idx,
    ]),
  );
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO disclosures (id, at, client_id, agency_id, purpose_id, grant_id, action, record_type, subjects, fields, request_hash, response_hash, outcome, log_index)
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7,
                j.value ->> 8, j.value ->> 9, j.value ->> 10, j.value ->> 11, j.value ->> 12, j.value ->> 13
         FROM json_each(?1) j`,
      )
      .bind(rows),
    db
      .prepare(
        'INSERT OR IGNORE INTO disclosure_subjects (subject, disclosure_id) SELECT s.value, j.value ->> 0 FROM json_each(?1) j, json_each(j.value ->> 8) s',
      )
      .bind(rows),
  ];
}
