/**
 * Face detection alone inside workerd, on TensorFlow.js's WebAssembly kernels and on its CPU
 * kernels (the fallback): `npx tsx test/bench/face-detection.bench.ts`. The bench Worker's
 * `/__bench/photo/detect` route (worker/face-detection.ts) decodes a sample photograph of the
 * detector's package (1920 × 1280) once per request and runs the tiny detector N times; a request
 * with N = 0 is the baseline, so detection's cost is (t(N) − t(0)) / N.
 *
 * Two figures per set of kernels: wall time per detection as the client sees it, and CPU time per
 * detection of the workerd process (read from /proc; Linux only), which a loaded machine does not
 * inflate. Each set runs in a fresh gateway, because the first detection in an isolate decides the
 * kernels.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevGateway } from '../../scripts/lib/wrangler-dev.js';
import { environment } from './lib/measure.js';

const PORT = 8871;
const ROUNDS = 5;
/** Detections per timed request: enough to dwarf the decode and the round trip. */
const REPEAT = { wasm: 10, cpu: 2 } as const;
const CLOCK_TICKS_PER_S = 100;

/** CPU seconds used so far by `pid` and every process under it. */
function treeCpuSeconds(pid: number): number {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const fields = readFileSync(`/proc/${d}/stat`, 'utf8')
          .replace(/^.*\) /, '')
          .split(' ');
        return [{ pid: Number(d), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return [];
      }
    });
  const inTree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) if (!inTree.has(s.pid) && inTree.has(s.ppid)) grew = inTree.add(s.pid) !== null;
  }
  return stats.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) / CLOCK_TICKS_PER_S;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const packageDir = join(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'), '..');
const photo = readFileSync(join(packageDir, 'demo', 'sample1.jpg'));
/** The bench Worker's configuration; a prebuilt bundle's (`wrangler deploy --dry-run` + `no_bundle`) keeps edits in a shared tree from restarting it mid-run. */
const config = process.env.BENCH_CONFIG ?? join(import.meta.dirname, 'worker', 'wrangler.bench.toml');

console.log(environment());
console.log('| kernels | wall per detection (median) | workerd CPU per detection (median) | faces |');
console.log('| --- | ---: | ---: | ---: |');
for (const kernels of ['wasm', 'cpu'] as const) {
  // The route reads no storage: a bare `wrangler dev` on empty state, no officers or migrations.
  const state = mkdtempSync(join(tmpdir(), 'n2k-detect-'));
  const gateway = await startDevGateway({ port: PORT, config, persistTo: state, stdio: 'ignore' });
  try {
    const pid = gateway.child.pid as number;
    const post = async (repeat: number) => {
      const cpu0 = treeCpuSeconds(pid);
      const t0 = performance.now();
      const res = await fetch(`${gateway.url}/__bench/photo/detect?repeat=${repeat}&kernels=${kernels}`, { method: 'POST', body: photo });
      if (!res.ok) throw new Error(`detect: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { kernels: string; faces: number };
      return { wall: performance.now() - t0, cpu: (treeCpuSeconds(pid) - cpu0) * 1000, ...body };
    };
    const first = await post(1);
    if (first.kernels !== kernels) throw new Error(`asked for ${kernels} kernels, ran on ${first.kernels}`);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const base = await post(0);
      const run = await post(REPEAT[kernels]);
      wall.push((run.wall - base.wall) / REPEAT[kernels]);
      cpu.push((run.cpu - base.cpu) / REPEAT[kernels]);
    }
    console.log(`| ${kernels} | ${median(wall).toFixed(0)} ms | ${median(cpu).toFixed(0)} ms | ${first.faces} |`);
  } finally {
    await gateway.stop();
    rmSync(state, { recursive: true, force: true });
  }
}
