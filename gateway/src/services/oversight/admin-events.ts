import type { AdminEvent, Stores } from '../../store/ports/index.js';

export type { AdminEvent } from '../../store/ports/index.js';

/** Which administrative events to read: after a sequence number, of one target, at most `limit`. */
export interface AdminEventPage {
  readonly afterSeq: number;
  readonly targetId?: string;
  readonly limit: number;
}

/** Administrative changes, oldest first, each with the hash that chains it to the one before. */
export function readAdminEvents(stores: Pick<Stores, 'changes'>, page: AdminEventPage): Promise<AdminEvent[]> {
  return stores.changes.listEvents(page);
}
