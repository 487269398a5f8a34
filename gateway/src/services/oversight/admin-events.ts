import { listAdminEvents, type AdminEvent } from '../../store/d1/admin-events.js';

export type { AdminEvent } from '../../store/d1/admin-events.js';

/** Which administrative events to read: after a sequence number, of one target, at most `limit`. */
export interface AdminEventPage {
  readonly afterSeq: number;
  readonly targetId?: string;
  readonly limit: number;
}

/** Administrative changes, oldest first, each with the hash that chains it to the one before. */
export function readAdminEvents(db: D1Database, page: AdminEventPage): Promise<AdminEvent[]> {
  return listAdminEvents(db, page);
}
