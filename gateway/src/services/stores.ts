import type { GatewayEnv } from '../platform/env.js';
import { d1AdminStores } from '../store/d1/admin-stores.js';
import type { AdminStores } from '../store/ports/index.js';

export type { AdminStores } from '../store/ports/index.js';

/**
 * The storage backend of the administrative core, built from the bindings: the one place a backend
 * is chosen (today D1). Another backend implements the ports of `store/ports/` and passes
 * `test/store/conformance/`; services and policy do not change.
 */
export function d1StoresOf(env: GatewayEnv): AdminStores {
  return d1AdminStores(env.DB);
}
