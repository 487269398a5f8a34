import type { GatewayEnv } from '../../platform/env.js';
import { Problem } from '../../platform/errors/problem.js';
import { keyVersionCounts } from '../../store/d1/records.js';
import { retireOldFieldKeys, rotateFieldKeys } from '../records/rewrap.js';
import { keyRingSourceOf } from '../stores.js';

/** The field-key versions in use: the one new data is sealed under, the oldest still opened, and how many record versions use each. */
export interface FieldKeyStatus {
  readonly current: number;
  readonly oldest: number;
  readonly recordVersionsByKeyVersion: Readonly<Record<string, number>>;
}

/** The field-key versions and how many record versions use each (the counts are a read of the records table, which has no port yet). */
export async function fieldKeyStatus(env: GatewayEnv): Promise<FieldKeyStatus> {
  const state = await keyRingSourceOf(env).keyState.fieldKeyVersions();
  return { current: state.current, oldest: state.oldest, recordVersionsByKeyVersion: await keyVersionCounts(env.DB) };
}

/** Seals new data under a new field-key version from now on (old versions still open); the bump and its admin event are one transaction. */
export async function rotateFieldKeyVersion(env: GatewayEnv, actor: string, now: number): Promise<FieldKeyStatus> {
  await rotateFieldKeys(env, now, actor);
  return fieldKeyStatus(env);
}

/** Refuses field keys below the current version from now on; 409 `invalid_transition` while anything still needs them. */
export async function retireOldFieldKeyVersions(env: GatewayEnv, actor: string, now: number): Promise<FieldKeyStatus> {
  const outcome = await retireOldFieldKeys(env, now, actor);
  if (!outcome.retired) throw new Problem(409, 'invalid_transition', outcome.reason);
  return fieldKeyStatus(env);
}
