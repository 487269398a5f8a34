/**
 * The reference a disclosure's caller stated (`N2K-Reference`, a case or outbreak number), read from
 * the row's own log entry: the disclosure index holds no such text, and this view adds none to it.
 * Entries are read a few at a time after the page is drawn, so the table shows at once and each
 * cell fills in as its entry arrives; an entry that is not the row's disclosure fills nothing.
 */
import type { AdminApi } from '../api.js';

/** Entries read at the same time: enough to fill a page of 25 rows quickly without a burst of requests. */
const READS_AT_ONCE = 4;

/** A disclosure log row whose stated reference is to be read: its log position and its id. */
export interface ReferenceRow {
  readonly index: number;
  readonly id: string;
}

/** A row of the view whose reference cell waits for its entry. */
export interface ReferenceCell extends ReferenceRow {
  readonly cell: HTMLElement;
}

/** The stated reference of `entry` if it is disclosure `id`'s entry and states one, else null. */
export function statedReferenceOf(entry: Readonly<Record<string, unknown>>, id: string): string | null {
  if (entry.kind !== 'disclosure' || entry.id !== id) return null;
  return typeof entry.reference === 'string' && entry.reference !== '' ? entry.reference : null;
}

/**
 * Reads each row's stated reference from its log entry, {@link READS_AT_ONCE} at a time, and hands
 * it to `found` (null: none stated, or the entry could not be read or is not the row's).
 */
export async function readReferences<R extends ReferenceRow>(
  api: AdminApi,
  rows: readonly R[],
  found: (row: R, reference: string | null) => void,
): Promise<void> {
  const queue = [...rows];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const row = next;
      // The tree of index + 1 entries is the smallest that holds the entry; its proof is not needed here
      // (the row's "check" button proves the entry against the signed checkpoint).
      const reference = await api
        .auditInclusion(row.index, row.index + 1)
        .then((entry) => statedReferenceOf(entry.entry, row.id))
        .catch(() => null);
      found(row, reference);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, rows.length) }, worker));
}

/** Fills each cell with its entry's stated reference, or a dash when there is none. */
export function fillReferences(api: AdminApi, cells: readonly ReferenceCell[]): Promise<void> {
  return readReferences(api, cells, ({ cell }, reference) => {
    cell.textContent = reference ?? '—';
    cell.dataset.reference = reference ?? '';
  });
}
