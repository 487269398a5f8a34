import type { GatewayEnv } from '../platform/env.js';
import { storesFromBindings } from '../store/bindings.js';
import type { Stores } from '../store/ports/index.js';

export type { AdminStores, Stores } from '../store/ports/index.js';

/**
 * The storage backends, built from the bindings: the one place a backend is chosen (today D1 and the
 * Durable Objects, see `store/bindings.ts`). Another backend implements the ports of `store/ports/`
 * and passes `test/store/conformance/`; services and policy do not change.
 */
export function storesOf(env: GatewayEnv): Stores {
  return storesFromBindings(env);
}
