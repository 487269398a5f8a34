import type { Purpose } from '@need2know/policy';

/** Reads of the purposes register. Writes go through {@link ChangeStore.commit} (`changes.ts`). */
export interface PurposeStore {
  /** Purpose `id` (active or retired), or null. */
  getPurpose(id: string): Promise<Purpose | null>;
  /** Every purpose, ordered by id. */
  listPurposes(): Promise<Purpose[]>;
}
