import type { GatewayEnv } from '../../platform/env.js';
import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import { retireOldFieldKeys, rotateFieldKeys } from '../records/rewrap.js';
import { storesOf } from '../stores.js';

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

/**
 * Seals new data under a new field-key version from now on (old versions still open); the bump and
 * its admin event are one transaction. Takes the bindings because the rotation is the re-wrap job's
 * (`records/rewrap.ts`), which does not take ports yet.
 */
export async function rotateFieldKeyVersion(env: GatewayEnv, actor: string, now: number): Promise<FieldKeyStatus> {
  await rotateFieldKeys(storesOf(env), now, actor);
  return fieldKeyStatus(storesOf(env));
}

/**
 * Refuses field keys below the current version from now on; 409 `invalid_transition` while anything
 * still needs them. Takes the bindings for the same reason as {@link rotateFieldKeyVersion}.
 */
export async function retireOldFieldKeyVersions(env: GatewayEnv, actor: string, now: number): Promise<FieldKeyStatus> {
  const outcome = await retireOldFieldKeys(storesOf(env), now, actor);
  if (!outcome.retired) throw new Problem(409, 'invalid_transition', outcome.reason);
  return fieldKeyStatus(storesOf(env));
}
