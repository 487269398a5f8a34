/**
 * The order the test files start in, for a run that keeps a few files going at once (`maxWorkers`
 * in vitest.config.ts). Vitest's own order runs one project after the other, so every end-to-end
 * file would start together at the beginning and the CPU-bound gateway files would follow on their
 * own. This order interleaves them: at most {@link MAX_BROWSER_FILES} end-to-end files at a time
 * (each one a gateway, a browser and a test process), the remaining workers on the gateway and node
 * files, longest first so that no long file is left to finish alone at the end.
 *
 * Files of a project whose runtime is shared (`isolate: false`: the gateway's, see vitest.config.ts)
 * come first, all together, so that a runtime finishing one takes the next instead of stopping.
 *
 * It only orders: every file still runs, with its own gateway and state.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** End-to-end files running at the same time, at most: two keep both cores busy while a third waits for its gateway. */
export const MAX_BROWSER_FILES = 2;

/** Projects whose files start a local gateway and Chromium. */
const BROWSER_PROJECTS = new Set(['e2e']);

/**
 * Expected duration (ms) of a file vitest has no timing for yet (a fresh clone has none): by project,
 * from the CI run of 2026-12-05 (`/tmp/ci-run.log`, BENCHMARKS.md "Test run").
 */
const DEFAULT_MS: Readonly<Record<string, number>> = { e2e: 22_000, gateway: 2_500, node: 300 };

/**
 * Files far above their project's default in that run, so that they start early on a fresh clone
 * too (matched against the end of the path; durations in ms). Local runs use vitest's own timings.
 */
const KNOWN_LONG: ReadonlyArray<readonly [string, number]> = [
  ['face-redaction-quality.test.ts', 70_000],
  ['test/node/scheduled-local.test.ts', 60_000],
  ['test/e2e/viewer-redaction.e2e.test.ts', 47_000],
  ['test/e2e/extension.e2e.test.ts', 44_000],
  ['test/api/media-modes.test.ts', 16_000],
  ['test/api/audit-export-pages.test.ts', 13_000],
  ['test/api/media-redaction-audit.test.ts', 12_000],
  ['test/node/at-rest.test.ts', 9_000],
];

interface Planned {
  readonly spec: TestSpecification;
  readonly ms: number;
  readonly browser: boolean;
}

/** Starts long files first and keeps end-to-end files spread over the run (see the module comment). */
export default class InterleavingSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const planned = files.map((spec): Planned => ({ spec, ms: this.expectedMs(spec), browser: BROWSER_PROJECTS.has(spec.project.name) }));
    const byLength = (a: Planned, b: Planned) => b.ms - a.ms;
    // A runtime shared by files (`isolate: false`) goes on to the next file only if the next file in
    // the queue is of its project: those files start first, together, longest first.
    const shared = planned.filter((p) => p.spec.project.config.isolate === false).sort(byLength);
    const rest = planned.filter((p) => p.spec.project.config.isolate !== false);
    const browser = rest.filter((p) => p.browser).sort(byLength);
    const other = rest.filter((p) => !p.browser).sort(byLength);
    const workers = Math.max(1, typeof this.ctx.config.maxWorkers === 'number' ? this.ctx.config.maxWorkers : 1);
    return [...shared, ...simulate(browser, other, workers)].map((p) => p.spec);
  }

  private expectedMs(spec: TestSpecification): number {
    const path = relative(this.ctx.config.root, spec.moduleId);
    const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
    if (cached !== undefined && !cached.failed && cached.duration > 0) return cached.duration;
    const known = KNOWN_LONG.find(([suffix]) => path.endsWith(suffix));
    return known?.[1] ?? DEFAULT_MS[spec.project.name] ?? DEFAULT_MS.gateway ?? 0;
  }
}

/**
 * Plays the run forward with the expected durations: whenever a worker frees up it takes the
 * longest end-to-end file if fewer than {@link MAX_BROWSER_FILES} are running, else the longest
 * other file. The order files were taken in is the order vitest's pool will start them.
 */
function simulate(browser: Planned[], other: Planned[], workers: number): Planned[] {
  const order: Planned[] = [];
  const running: { ends: number; browser: boolean }[] = [];
  let now = 0;
  while (browser.length > 0 || other.length > 0) {
    if (running.length >= workers) {
      running.sort((a, b) => a.ends - b.ends);
      const done = running.shift();
      if (done !== undefined) now = done.ends;
      continue;
    }
    const browsersRunning = running.filter((r) => r.browser).length;
    const next = (browsersRunning < MAX_BROWSER_FILES ? browser.shift() : undefined) ?? other.shift() ?? browser.shift();
    if (next === undefined) break;
    order.push(next);
    running.push({ ends: now + next.ms, browser: next.browser });
  }
  return order;
}
