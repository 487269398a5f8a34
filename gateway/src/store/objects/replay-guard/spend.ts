import type { Nonce, ReplayGuard } from './replay-guard.js';

/** What spending needs of the Worker's bindings: the replay-guard namespace, nothing else. */
export interface ReplayGuards {
  readonly REPLAY_GUARD: DurableObjectNamespace<ReplayGuard>;
}

/**
 * Spends single-use values in the replay guard of `scope` (a client id or a DPoP key thumbprint).
 * Returns the key of the first one already spent (the request is a replay), or null when all were
 * fresh and are now spent.
 */
export async function spendNonces(env: ReplayGuards, scope: string, nonces: readonly Nonce[], now: number): Promise<string | null> {
  const guard = env.REPLAY_GUARD.get(env.REPLAY_GUARD.idFromName(scope));
  return guard.consume(nonces, now);
}
