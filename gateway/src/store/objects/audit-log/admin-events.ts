/**
 * Administrative events carried into the log: they are hash-chained in D1 first (`admin_events`),
 * then appended here in `seq` order, each exactly once, however often or concurrently the carrying
 * job runs. The object's `admin_seq` cursor is the highest `seq` already carried.
 */
import type { AdminLogEntry } from '@need2know/audit';
import { appendEntries, readCursor, writeCursor } from './tree.js';

/** The events of `entries` not carried yet (`seq` above `cursor`), in `seq` order. */
export function freshAdminEntries(entries: readonly AdminLogEntry[], cursor: number): AdminLogEntry[] {
  return entries.filter((e) => e.seq > cursor).sort((a, b) => a.seq - b.seq);
}

/** Appends the events of `entries` not carried before and moves the cursor past them; returns how many were appended. Synchronous. */
export function carryAdminEntries(sql: SqlStorage, entries: readonly AdminLogEntry[]): number {
  const cursor = readCursor(sql, 'admin_seq');
  const fresh = freshAdminEntries(entries, cursor);
  const last = fresh.at(-1);
  if (last === undefined) return 0;
  appendEntries(sql, fresh);
  writeCursor(sql, 'admin_seq', last.seq);
  return fresh.length;
}
