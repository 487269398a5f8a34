import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { buildConsole } from './scripts/lib/console-build.js';

const root = import.meta.dirname;

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
            include: ['gateway/**/*.test.ts', 'test/api/**/*.test.ts'],
            setupFiles: [`${root}/test/api/setup.ts`],
          },
        },
        {
          test: {
            name: 'node',
            environment: 'node',
            include: ['packages/**/*.test.ts', 'scripts/**/*.test.ts', 'test/node/**/*.test.ts', 'extension/src/**/*.test.ts'],
          },
        },
        {
          // Real Chromium (Debian's) driven by playwright-core against a throw-away local gateway.
          // Each file starts its own gateway on its own port; screenshots go to test-results/.
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['test/e2e/**/*.e2e.test.ts'],
            testTimeout: 120_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
