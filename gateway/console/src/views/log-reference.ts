/**
 * The reference a disclosure's caller stated (`N2K-Reference`, a case or outbreak number), read from
 * the row's own log entry: the disclosure index holds no such text, and this view adds none to it.
 * Entries are read a few at a time after the page is drawn, so the table shows at once and each
 * cell fills in as its entry arrives; an entry that is not the row's disclosure fills nothing.
 */
import type { AdminApi } from '../api.js';

/** Entries read at the same time: enough to fill a page of 25 rows quickly without a burst of requests. */
const READS_AT_ONCE = 4;

/** A row of the view whose reference cell waits for its entry. */
export interface ReferenceCell {
  readonly index: number;
  readonly id: string;
  readonly cell: HTMLElement;
}

/** The stated reference of `entry` if it is disclosure `id`'s entry and states one, else null. */
export function statedReferenceOf(entry: Readonly<Record<string, unknown>>, id: string): string | null {
  if (entry.kind !== 'disclosure' || entry.id !== id) return null;
  return typeof entry.reference === 'string' && entry.reference !== '' ? entry.reference : null;
}

/** Fills each cell with its entry's stated reference, or a dash when there is none. */
export async function fillReferences(api: AdminApi, cells: readonly ReferenceCell[]): Promise<void> {
  const queue = [...cells];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const { index, id, cell } = next;
      // The tree of index + 1 entries is the smallest that holds the entry; its proof is not needed here
      // (the row's "check" button proves the entry against the signed checkpoint).
      const reference = await api
        .auditInclusion(index, index + 1)
        .then((found) => statedReferenceOf(found.entry, id))
        .catch(() => null);
      cell.textContent = reference ?? '—';
      cell.dataset.reference = reference ?? '';
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, cells.length) }, worker));
}
