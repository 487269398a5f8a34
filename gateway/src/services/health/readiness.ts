/**
 * Gathering what readiness is decided from (`policy/readiness.ts`): the root secret, its key check,
 * the schema, the log object. The serving check (secret and key check only) runs on the first
 * request of an isolate and is then remembered; the full check runs on each `/readyz`.
 */
import type { Stores } from '../../store/ports/index.js';
import { inspectRootSecret, observeKeyCheck } from '../keys/root-secret.js';
import { judgeReadiness, servingProblems, type ReadinessObservations, type ReadinessProblem } from '@need2know/policy';

/**
 * The newest D1 migration this code needs. Readiness fails until it is applied; a test keeps it equal
 * to the newest file in gateway/migrations, so adding a migration means updating it.
 */
export const LATEST_MIGRATION = '0031_video_upload_cancel.sql';

/** How long `/readyz` waits for the log object before calling it unreachable (ms): a probe, not a wait. */
export const LOG_PROBE_TIMEOUT_MS = 2_000;

/**
 * How long an isolate keeps refusing before it checks a wrong configuration again (ms): long enough
 * that a refused flood does not become a flood of D1 reads, short enough that a fixed one is seen.
 */
export const REFUSED_RECHECK_MS = 5_000;

/** The secret this isolate found usable and matching its key check. */
let verified: string | undefined;
let refused: { readonly secret: unknown; readonly at: number; readonly problems: ReadinessProblem[] } | undefined;

/** Forgets what this isolate concluded about its root secret, so the next request checks again (in tests, after the storage was emptied). */
export function forgetServingCheck(): void {
  verified = undefined;
  refused = undefined;
}

/**
 * The problems that stop this gateway from serving (empty when it may serve) under root secret
 * `secret` (the Worker secret, as configured). Remembered per isolate once the secret passed; a
 * refusal is logged with its reason (never the secret).
 */
export async function servingCheck(stores: Pick<Stores, 'keyState' | 'signingKeys'>, secret: unknown, now: number): Promise<ReadinessProblem[]> {
  if (verified !== undefined && verified === secret) return [];
  if (refused !== undefined && refused.secret === secret && Date.now() - refused.at < REFUSED_RECHECK_MS) return refused.problems;
  const inspected = inspectRootSecret(secret);
  const keyCheck =
    inspected.ring === undefined || inspected.secret === undefined
      ? 'unknown'
      : await observeKeyCheck(stores, { ring: inspected.ring, secret: inspected.secret }, now);
  const problems = servingProblems({ secret: inspected.state, keyCheck });
  if (problems.length === 0) {
    verified = typeof secret === 'string' ? secret : undefined;
    refused = undefined;
  } else {
    refused = { secret, at: Date.now(), problems };
    console.error(`need2know gateway refuses to serve: ${problems.map((p) => p.message).join(' ')}`);
  }
  return problems;
}

async function observeMigrations(stores: Pick<Stores, 'health'>): Promise<ReadinessObservations['migrations']> {
  try {
    return await stores.health.migrationState(LATEST_MIGRATION);
  } catch {
    return 'unreadable';
  }
}

async function observeLog(stores: Pick<Stores, 'auditLog'>): Promise<ReadinessObservations['log']> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'unreachable'>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), LOG_PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([stores.auditLog.size().then(() => 'reachable' as const), timeout]);
  } catch {
    return 'unreachable';
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

/** Every readiness check, now, under root secret `secret`: what `/readyz` answers. */
export async function readiness(
  stores: Pick<Stores, 'health' | 'keyState' | 'signingKeys' | 'auditLog'>,
  secret: unknown,
  now: number,
): Promise<{ ready: boolean; problems: ReadinessProblem[] }> {
  const inspected = inspectRootSecret(secret);
  const migrations = await observeMigrations(stores);
  const keyCheck =
    inspected.ring === undefined || inspected.secret === undefined || migrations !== 'applied'
      ? 'unknown'
      : await observeKeyCheck(stores, { ring: inspected.ring, secret: inspected.secret }, now);
  return judgeReadiness({ secret: inspected.state, keyCheck, migrations, log: await observeLog(stores) });
}
