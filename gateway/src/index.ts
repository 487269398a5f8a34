import { createApp } from './http/app.js';
import type { GatewayEnv } from './platform/env.js';
import { servingCheck } from './services/health/readiness.js';
import { runHousekeeping } from './services/housekeeping.js';
import { issuerOf, storesOf } from './services/stores.js';

export { AuditLog } from './store/objects/audit-log/audit-log.js';
export { GrantKeyVault } from './store/objects/grant-key-vault/grant-key-vault.js';
export { ReplayGuard } from './store/objects/replay-guard/replay-guard.js';

const app = createApp();

/** The Worker: HTTP requests, and the scheduled housekeeping job. */
export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  scheduled: (_controller, env, ctx) => {
    const now = Math.floor(Date.now() / 1000);
    // Under a missing, weak or wrong root secret the job does nothing (servingCheck says why in the log).
    const run = async () => {
      const stores = storesOf(env);
      if ((await servingCheck(stores, env.N2K_ROOT_SECRET, now)).length > 0) return null;
      return runHousekeeping(stores, issuerOf(env, stores), now);
    };
    ctx.waitUntil(run().then((report) => report !== null && console.log('housekeeping', JSON.stringify(report))));
  },
} satisfies ExportedHandler<GatewayEnv>;
