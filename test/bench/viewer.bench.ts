/**
 * The viewer's figures, from its end-to-end run in Debian's Chromium against a local gateway: time
 * to open a held 95-value case (the gateway's view call beside the local decrypt + render +
 * watermark), and frame times of a scripted scroll under the watermark beside the same page without
 * it, measured in the same run. Prints a Markdown table.
 *
 *   npm run bench:viewer
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environment } from './lib/measure.js';

const root = resolve(import.meta.dirname, '../..');
const run = spawnSync(join(root, 'node_modules/.bin/vitest'), ['run', '--project', 'e2e', 'test/e2e/extension.e2e.test.ts'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (run.status !== 0) {
  console.error('the viewer end-to-end run failed; no figures');
  process.exit(1);
}

interface Frames {
  p50: number;
  p95: number;
  max: number;
  frames: number;
}
const f = JSON.parse(readFileSync(join(root, 'test-results/extension/figures.json'), 'utf8')) as {
  case_values: number;
  case_open_ms: number;
  scroll_frame_ms: { watermark: Frames; baseline: Frames };
  reopen_case_ms: { total_median: number; gateway_median: number; decrypt_render_watermark_median: number };
};
const r = f.reopen_case_ms;
const w = f.scroll_frame_ms.watermark;
const b = f.scroll_frame_ms.baseline;
const ratio = (a: number, c: number) => (c > 0 ? `×${(a / c).toFixed(2)}` : '—');
console.log(`## Viewer\n\nEnvironment: ${environment()}\n`);
console.log('| measurement | result | baseline (same run) | baseline | ratio |');
console.log('| --- | ---: | --- | ---: | ---: |');
console.log(
  `| open a held ${f.case_values}-value case: decrypt + render + watermark (median of 5) | ${r.decrypt_render_watermark_median} ms | the gateway's view call it waits for | ${r.gateway_median} ms | ${ratio(r.decrypt_render_watermark_median, r.gateway_median)} |`,
);
console.log(`| open a held case, total (view call + local) | ${r.total_median} ms | — | — | — |`);
console.log(
  `| scroll frame time p50 / p95 / max, under the watermark | ${w.p50} / ${w.p95} / ${w.max} ms (${w.frames} frames) | same markup, no watermark layer | ${b.p50} / ${b.p95} / ${b.max} ms | p95 ${ratio(w.p95, b.p95)} |`,
);
