import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { buildConsole } from './scripts/lib/console-build.js';
import InterleavingSequencer from './test/support/sequencer.js';

const root = import.meta.dirname;

/**
 * Test files running at once. Vitest's default on 2 cores is one, which left one core idle and
 * every end-to-end file waiting alone for its gateway and browser to start. Three keeps both cores
 * busy (the sequencer puts at most two end-to-end files among them, see test/support/sequencer.ts);
 * every file still has its own worker, gateway, ports and state. `VITEST_MAX_WORKERS=1` runs one at a time.
 */
const TEST_WORKERS = 3;
/**
 * Time limits of a gateway or node test and hook: three times vitest's defaults (5 s, 10 s), since
 * up to three files now share two cores. They only stop a test that hangs; none proves a speed.
 */
const SHARED_CORE_TEST_TIMEOUT_MS = 15_000;
const SHARED_CORE_HOOK_TIMEOUT_MS = 30_000;

/**
 * Two kinds of test run side by side: the gateway's tests inside workerd with real local D1 and
 * Durable Objects, and plain Node tests for the pure packages and the cross-part suites.
 */
export default defineConfig(async () => {
  // The gateway serves the console from a generated module; build it before workerd imports the app.
  await buildConsole();
  const migrations = await readD1Migrations(`${root}/gateway/migrations`);
  return {
    test: {
      // Refusals are logged by design; show logs only for tests that fail.
      silent: 'passed-only' as const,
      // The default report, closed by counts per project (and, under CI, a check that the end-to-end tests ran).
      reporters: ['default', `${root}/test/support/summary-reporter.ts`],
      maxWorkers: TEST_WORKERS,
      sequence: { sequencer: InterleavingSequencer },
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: `${root}/gateway/src/index.ts`,
              wrangler: { configPath: `${root}/wrangler.toml` },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  // Test-only root secret; real ones are generated into .dev.vars or set with `wrangler secret`.
                  N2K_ROOT_SECRET: 'dGVzdC1yb290LXNlY3JldC1vbmx5LWZvci12aXRlc3QtcnVucw',
                  N2K_PUBLIC_URL: 'https://gateway.test',
                  // Tests register their own officers; a developer's local .dev.vars must not leak in.
                  N2K_BOOTSTRAP_ADMINS: '',
                },
              },
            }),
          ],
          test: {
            name: 'gateway',
            // The files share one workerd runtime per worker, one after another: loading the gateway's
            // module graph costs seconds, most files' tests less than one. Each file still starts from
            // empty storage and a fresh schema (test/api/setup.ts); the sequencer keeps these files
            // together so a runtime goes on to the next one.
            isolate: false,
            include: ['gateway/**/*.test.ts', 'test/api/**/*.test.ts'],
            setupFiles: [`${root}/test/api/setup.ts`],
            testTimeout: SHARED_CORE_TEST_TIMEOUT_MS,
            hookTimeout: SHARED_CORE_HOOK_TIMEOUT_MS,
          },
        },
        {
          test: {
            name: 'node',
            environment: 'node',
            include: ['packages/**/*.test.ts', 'scripts/**/*.test.ts', 'test/node/**/*.test.ts', 'extension/src/**/*.test.ts'],
            testTimeout: SHARED_CORE_TEST_TIMEOUT_MS,
            hookTimeout: SHARED_CORE_HOOK_TIMEOUT_MS,
          },
        },
        {
          // Real Chromium (Debian's) driven by playwright-core against a throw-away local gateway.
          // Each file starts its own gateway on its own port; screenshots go to test-results/.
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['test/e2e/**/*.e2e.test.ts'],
            // Migrates a template D1 state once; each file's gateway starts from a copy of it.
            globalSetup: [`${root}/test/support/migrated-state-setup.ts`],
            testTimeout: 120_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
