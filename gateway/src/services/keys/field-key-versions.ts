import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import { retireOldFieldKeys, rotateFieldKeys, type SealedStores } from '../records/rewrap.js';

/** The field-key versions in use: the one new data is sealed under, the oldest still opened, and how many record versions use each. */
export interface FieldKeyStatus {
  readonly current: number;
  readonly oldest: number;
  readonly recordVersionsByKeyVersion: Readonly<Record<string, number>>;
}

/** The field-key versions and how many record versions use each. */
export async function fieldKeyStatus(stores: Pick<Stores, 'keyState' | 'records'>): Promise<FieldKeyStatus> {
  const [state, recordVersionsByKeyVersion] = await Promise.all([stores.keyState.fieldKeyVersions(), stores.records.keyVersionCounts()]);
  return { current: state.current, oldest: state.oldest, recordVersionsByKeyVersion };
}

/** Seals new data under a new field-key version from now on (old versions still open); the bump and its admin event are one transaction. */
export async function rotateFieldKeyVersion(stores: Pick<Stores, 'keyState' | 'records'>, actor: string, now: number): Promise<FieldKeyStatus> {
  await rotateFieldKeys(stores, now, actor);
  return fieldKeyStatus(stores);
}

/**
 * Refuses field keys below the current version from now on, once nothing sealed needs them (every
 * store the re-wrap job moves is counted); 409 `invalid_transition` while anything still does.
 */
export async function retireOldFieldKeyVersions(stores: SealedStores, actor: string, now: number): Promise<FieldKeyStatus> {
  const outcome = await retireOldFieldKeys(stores, now, actor);
  if (!outcome.retired) throw new Problem(409, 'invalid_transition', outcome.reason);
  return fieldKeyStatus(stores);
}
