/**
 * Runs before every gateway test file. The gateway's test files share one workerd runtime per
 * worker (`isolate: false` in vitest.config.ts: loading the gateway's module graph costs seconds,
 * a file's tests often less than one), so each file starts here from nothing: every Durable
 * Object's storage deleted (the audit log's, and the local D1 database and R2 bucket, which live in
 * Durable Objects too), the real schema applied the way `wrangler d1 migrations apply` does, and the
 * isolate's cached readings of that storage forgotten.
 */
import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { forgetServingCheck } from '../../gateway/src/services/health/readiness.js';
import { forgetKeyRing } from '../../gateway/src/services/keys/key-ring.js';
import { forgetCachedKeys } from '../../gateway/src/services/keys/token-signing.js';

unwrapModuleFetches();
await reset();
await applyD1Migrations(env.DB, (env as unknown as { TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] }).TEST_MIGRATIONS);
forgetKeyRing();
forgetCachedKeys();
forgetServingCheck();

/**
 * The workers pool (0.15.1) wraps the module runner's transport once more for every test file a
 * shared runtime runs, so each module fetch crosses one more Durable Object call per file until the
 * run stalls (fixed upstream in @cloudflare/vitest-plugin 1.4.5, which needs a newer Node). The
 * first file's single wrapping is kept and put back for every later file.
 */
function unwrapModuleFetches(): void {
  type Invoke = (...args: unknown[]) => unknown;
  const scope = globalThis as unknown as { __vitest_mocker__?: { moduleRunner?: { transport?: { invoke?: Invoke } } }; __n2kFirstInvoke?: Invoke };
  const transport = scope.__vitest_mocker__?.moduleRunner?.transport;
  if (transport?.invoke === undefined) return;
  if (scope.__n2kFirstInvoke === undefined) scope.__n2kFirstInvoke = transport.invoke;
  else transport.invoke = scope.__n2kFirstInvoke;
}
