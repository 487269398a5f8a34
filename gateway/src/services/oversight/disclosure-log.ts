import type { DisclosureLogCursor, DisclosureLogFilter, DisclosureLogRow, Stores } from '../../store/ports/index.js';

export type { DisclosureLogCursor, DisclosureLogFilter, DisclosureLogRow };

/** One page of the disclosure log and where the next starts (null: this was the last). */
export interface DisclosureLogPage {
  readonly rows: readonly DisclosureLogRow[];
  readonly next: DisclosureLogCursor | null;
}

/**
 * "Who saw what": a page of the disclosure log for a privacy officer, newest first. The index trails
 * the log by moments; it is brought up to date first, so the page includes everything logged. Rows
 * carry no person's identity (the index holds keyed hashes only, and only their number is read),
 * so a search is not itself a disclosure about anyone.
 */
export async function disclosureLogPage(
  stores: Pick<Stores, 'oversight' | 'auditLog'>,
  filter: DisclosureLogFilter,
  cursor: DisclosureLogCursor | null,
  limit: number,
): Promise<DisclosureLogPage> {
  await stores.auditLog.flushIndex();
  const rows = await stores.oversight.searchDisclosureLog(filter, cursor, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last !== undefined ? { at: last.at, id: last.id } : null };
}
