/** The scheduled job's dependencies, built from the test bindings as the Worker entry builds them. */
import type { HousekeepingStores } from '../../gateway/src/services/housekeeping.js';
import type { Issuer } from '../../gateway/src/services/oauth/issuer.js';
import { issuerOf, storesOf } from '../../gateway/src/services/stores.js';
import { gatewayEnv } from './harness.js';

/** The stores and the issuer `runHousekeeping` takes: `runHousekeeping(...scheduledDeps(), now)`. */
export function scheduledDeps(): [HousekeepingStores, Issuer] {
  const stores = storesOf(gatewayEnv);
  return [stores, issuerOf(gatewayEnv, stores)];
}
