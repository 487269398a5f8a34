/**
 * Closes every test run with counts per project and one plain line (`tests: N passed, N failed,
 * N skipped`), so a reader — or CI — sees how many end-to-end tests really ran. Under CI (`CI=true`)
 * an end-to-end project that ran nothing, or skipped anything, fails the run: there the browser and
 * fonts are installed by `.ci/run`, so a skip means a broken install, not a missing laptop package.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** Projects whose tests must all run under CI. */
const MUST_RUN_IN_CI = ['e2e'];

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const byProject = new Map<string, Counts>();
    for (const m of modules) {
      const counts = byProject.get(m.project.name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      byProject.set(m.project.name, counts);
    }
    const total: Counts = { passed: 0, failed: 0, skipped: 0 };
    console.log('');
    for (const [name, c] of [...byProject].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
    }
    if (process.env.CI === 'true') {
      for (const name of MUST_RUN_IN_CI) {
        const c = byProject.get(name);
        if (c !== undefined && (c.passed + c.failed === 0 || c.skipped > 0)) {
          console.error(
            `\nCI: the ${name} tests did not all run (${c.passed + c.failed} ran, ${c.skipped} skipped). .ci/run installs Debian's chromium and fonts-khmeros; check that step's output.`,
          );
          process.exitCode = 1;
        }
      }
    }
    console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  }
}
