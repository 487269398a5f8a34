import { createApp } from './app.js';
import type { GatewayEnv } from './env.js';
import { runHousekeeping } from './housekeeping.js';

export { AuditLog } from './durable/audit-log.js';
export { GrantKeyVault } from './durable/grant-key-vault.js';
export { ReplayGuard } from './durable/replay-guard.js';

const app = createApp();

/** The Worker: HTTP requests, and the scheduled housekeeping job. */
export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  scheduled: (_controller, env, ctx) => {
    ctx.waitUntil(runHousekeeping(env, Math.floor(Date.now() / 1000)).then((report) => console.log('housekeeping', JSON.stringify(report))));
  },
} satisfies ExportedHandler<GatewayEnv>;
