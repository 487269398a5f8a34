/**
 * Memory of a photo ingest (`npm run bench:media-memory`): does a 12-megapixel phone photo stay within
 * a Worker's 128 MB? Local workerd does not enforce the limit and reports no memory, so the Worker's
 * own code runs here in Node (the same V8), loaded as the Worker bundle loads it (`*.bin` weights as
 * bytes, the detector's `*.wasm` kernels compiled: `lib/worker-modules.mjs`), on the path a flagged
 * upload takes: the multipart body parsed and its file read (as the route does), `prepareRenditions`
 * (decode to the working picture, blur, the copy at the working size) and `sealUpload` (faces found,
 * the redacted rendition made, every rendition sealed). Not included: the record read, the log
 * entry and the store's writes (R2 puts of the envelopes, each rendition joined into one string).
 *
 * Photos are made at run time from a sample photograph of the detector's package (`sample1.jpg`,
 * three faces): stretched by nearest neighbour to 4000 × 3000 (12 MP) and 1632 × 1224 (2 MP, the
 * baseline), with a sensor's grain so the 12 MP file is as large as a phone's (≈ 6 MB, over what an
 * answer carries, so its copy at the working size is made too), encoded by jpeg-js at quality 90.
 *
 * Each measurement runs in a child process whose V8 heap is capped like a memory-limited isolate's
 * ({@link ISOLATE_FLAGS}: the collector then frees garbage as it must under a limit, instead of
 * letting it pile up), once with the detector's forward pass as face-api runs it and once with the
 * lean pass (`detect/lean-forward.ts`). Figures per photo, the largest over the rounds:
 * - isolate: what the isolate holds before an upload once the detector has run (modules, weights,
 *   the detector's WebAssembly heap): V8 heap used + external memory (ArrayBuffers and WebAssembly
 *   memories) after a full collection, less what this harness holds;
 * - ingest peak: the largest growth of heap used + external over that, sampled every millisecond
 *   and after each stage, as it is (garbage not yet collected counts) and, in other rounds, each
 *   sample after a full collection (live); a sample falls between synchronous steps, so a peak
 *   inside one step can be missed;
 * - RSS peak: the growth of the process's peak resident size (the kernel's high-water mark, reset
 *   before each upload): gap-free, and it counts garbage and allocator slack too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KeyRing } from '@need2know/crypto';
import jpeg from 'jpeg-js';
import { environment } from './lib/measure.js';

/** A Worker's memory limit per isolate (Cloudflare Workers, all plans). */
const WORKER_LIMIT_MB = 128;
/**
 * V8 flags of the measuring process: the old generation capped at 64 MB (half the Worker's limit:
 * the ingest must fit beside the detector's heap) and a 1 MB young generation, so that garbage is
 * collected as an isolate near its limit collects it; an ingest that needed more would fail here.
 */
const ISOLATE_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=1'];
const ROUNDS = 3;
const SAMPLE_EVERY_MS = 1;
const MB = 1024 * 1024;
/** A sensor's grain, in levels (± half of it per channel): makes the 12 MP file a phone's size. */
const GRAIN = 32;
const PHOTOS = [
  ['2 MP', 1632, 1224],
  ['12 MP', 4000, 3000],
] as const;
const FORWARD_PASSES = ['face-api', 'lean'] as const;
/** The stages of an ingest the peak is attributed to. */
type Stage = 'upload read' | 'prepareRenditions' | 'sealUpload';

/** `sample` stretched to `width` × `height` with grain, as a JPEG of quality 90. */
function photo(sample: { width: number; height: number; data: Uint8Array }, width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let s = 1;
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * sample.height) / height) * sample.width;
    for (let x = 0; x < width; x++) {
      const from = (row + Math.floor((x * sample.width) / width)) * 4;
      for (let c = 0; c < 4; c++) {
        s = (s * 1103515245 + 12345) >>> 0;
        const v = (sample.data[from + c] as number) + (c === 3 ? 0 : ((s >>> 24) % GRAIN) - GRAIN / 2);
        data[(y * width + x) * 4 + c] = Math.max(0, Math.min(255, v));
      }
    }
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, 90).data);
}

/** The parent: makes the photos (outside the measured process: making a 12 MP JPEG takes far more heap than ingesting one), then measures each forward pass. */
function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'n2k-media-memory-'));
  try {
    const packageDir = join(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'), '..');
    const sample = jpeg.decode(readFileSync(join(packageDir, 'demo', 'sample1.jpg')), { useTArray: true });
    for (const [label, width, height] of PHOTOS) writeFileSync(join(dir, `${label}.jpg`), photo(sample, width, height));
    console.log(`Environment: ${environment()}; measured in a process started with ${ISOLATE_FLAGS.join(' ')}`);
    for (const pass of FORWARD_PASSES) {
      const child = spawnSync(process.execPath, [...ISOLATE_FLAGS, '--import', 'tsx', import.meta.filename], {
        stdio: 'inherit',
        env: { ...process.env, N2K_MEDIA_MEMORY_PHOTOS: dir, N2K_MEDIA_MEMORY_FORWARD: pass },
      });
      if (child.status !== 0) process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A decoded picture, as the Worker's media code takes it. */
interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * The parts of the Worker's media code measured here. They are imported by URL, as the Worker's own
 * modules, so that this script's typecheck does not take in the Worker's (its weights and kernels
 * are declared as modules for the Worker's build only).
 */
interface WorkerMedia {
  prepareRenditions(original: { bytes: Uint8Array; declaredType: string }, blurred: undefined): Promise<{ readonly scale: number }>;
  sealUpload(
    ring: KeyRing,
    upload: { owner: string; ref: string; clientId: string; now: number; edit: undefined },
    prepared: unknown,
    flagged: boolean,
  ): Promise<{ readonly redaction: { readonly manifest: { readonly faces: readonly unknown[] } } | null }>;
  detectFaces(image: Rgba, model: unknown, options: { inputSize: number; scoreMin: number }): Promise<unknown>;
  tiny: unknown;
}

/** The Worker's modules, imported under the web platform TensorFlow.js takes inside workerd (see scripts/lib/video/face-detector-node.ts). */
async function workerModules() {
  register('./lib/worker-modules.mjs', import.meta.url);
  const media = (file: string) => import(new URL(`../../gateway/src/services/media/${file}`, import.meta.url).href);
  const scope = globalThis as { WorkerGlobalScope?: unknown };
  scope.WorkerGlobalScope = class WorkerGlobalScope {};
  try {
    const worker: WorkerMedia = {
      prepareRenditions: (await media('renditions.js')).prepareRenditions,
      sealUpload: (await media('seal-upload.js')).sealUpload,
      detectFaces: (await media('detect/face-detector.js')).detectFaces,
      tiny: (await media('detect/models/tiny-face-detector.js')).TINY_FACE_DETECTOR,
    };
    const faceapi = await import('@vladmandic/face-api/dist/face-api.esm.js');
    // The parts of TensorFlow.js read here; the bundle exports them, its declarations list only what face-api uses.
    const tf = faceapi.tf as unknown as { getBackend(): string; backend(): { wasm?: { HEAPU8?: Uint8Array } } };
    return { ...worker, tf, net: faceapi.nets.tinyFaceDetector };
  } finally {
    delete scope.WorkerGlobalScope;
  }
}

/** The child: one forward pass, every photo, {@link ROUNDS} rounds of each sampling; prints its table. */
async function measure(dir: string, pass: (typeof FORWARD_PASSES)[number]): Promise<void> {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  const held = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const statusBytes = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  const files = PHOTOS.map(([label, width, height]) => ({ label, width, height, bytes: new Uint8Array(readFileSync(join(dir, `${label}.jpg`))) }));
  collectGarbage();
  collectGarbage();
  // What this process holds before the Worker's modules come in (Node, tsx, this script, the photos): not the Worker's.
  const harness = held();
  const modules = await workerModules();
  // The detector's weights load (and the lean pass is installed) on the first detection; face-api's own pass is the class's.
  await modules.detectFaces({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 4) }, modules.tiny, { inputSize: 64, scoreMin: 0.5 });
  if (pass === 'face-api') {
    const own = Object.getPrototypeOf(modules.net) as { runMobilenet: unknown };
    (modules.net as unknown as { runMobilenet: unknown }).runMobilenet = own.runMobilenet;
  }
  const ring = KeyRing.fromBase64url('YmVuY2gtcm9vdC1zZWNyZXQtbm90LWZvci11c2UtYW55d2hlcmU', { currentVersion: 1, oldestVersion: 1 });

  /** One flagged upload of `bytes` through the Worker's code; samples as they are, or each after a full collection (`live`). */
  const ingest = async (bytes: Uint8Array, ref: string, live: boolean) => {
    const form = new FormData();
    form.set('original', new File([bytes.slice()], 'original.jpg', { type: 'image/jpeg' }));
    const body = new Request('https://gateway.test/v1/ingest/media', { method: 'PUT', body: form });
    collectGarbage();
    collectGarbage();
    const before = held();
    writeFileSync('/proc/self/clear_refs', '5');
    const rssBefore = statusBytes('VmRSS');
    let peak = before;
    let stage: Stage = 'upload read';
    let peakStage: Stage = stage;
    const sample = () => {
      if (live) collectGarbage();
      const now = held();
      if (now > peak) [peak, peakStage] = [now, stage];
    };
    const timer = setInterval(sample, SAMPLE_EVERY_MS);
    try {
      // What the route does: parse the form, read the file part into bytes.
      const part = (await body.formData()).get('original') as File;
      const original = { bytes: new Uint8Array(await part.arrayBuffer()), declaredType: part.type };
      sample();
      stage = 'prepareRenditions';
      const prepared = await modules.prepareRenditions(original, undefined);
      sample();
      stage = 'sealUpload';
      const { redaction } = await modules.sealUpload(ring, { owner: 'bench-police', ref, clientId: 'bench-owner', now: 0, edit: undefined }, prepared, true);
      sample();
      const rss = statusBytes('VmHWM') - rssBefore;
      return { before, peak: peak - before, peakStage, rss, faces: redaction?.manifest.faces.length ?? 0, scale: prepared.scale };
    } finally {
      clearInterval(timer);
    }
  };

  // A first upload of each size, not counted: the detector's heap grows to its largest pass.
  for (const f of files) await ingest(f.bytes, `media/bench/warm-${f.label}`, false);
  type Run = Awaited<ReturnType<typeof ingest>>;
  const runs = new Map(files.map((f) => [f.label, { asIs: [] as Run[], live: [] as Run[] }]));
  for (let round = 0; round < ROUNDS; round++)
    for (const live of [false, true])
      for (const f of files) runs.get(f.label)?.[live ? 'live' : 'asIs'].push(await ingest(f.bytes, `media/bench/${f.label}-${round}`, live));

  const mb = (n: number) => (n / MB).toFixed(1);
  const of128 = (n: number) => `${mb(n)} (${((100 * n) / (WORKER_LIMIT_MB * MB)).toFixed(0)} %)`;
  const most = (list: readonly Run[], pick: (r: Run) => number) => Math.max(...list.map(pick));
  const heap = modules.tf.backend().wasm?.HEAPU8?.byteLength ?? 0;
  console.log(
    `\nForward pass: ${pass} (backend ${modules.tf.getBackend()}, WebAssembly heap ${mb(heap)} MB); this harness holds ${mb(harness)} MB, not counted\n`,
  );
  console.log(
    '| photo | file | decoded at | faces | isolate before (MB) | ingest peak as sampled / live (MB) | during | RSS peak (MB) | isolate + peak as sampled (MB, of 128) | isolate + RSS peak (MB, of 128) |',
  );
  console.log('| --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
  const peaks: number[] = [];
  for (const f of files) {
    const r = runs.get(f.label);
    const first = r?.asIs[0];
    if (r === undefined || first === undefined) continue;
    const isolate = most(r.asIs, (x) => x.before) - harness;
    const [asIs, live, rss] = [most(r.asIs, (x) => x.peak), most(r.live, (x) => x.peak), most(r.asIs, (x) => x.rss)];
    const during = r.asIs.find((x) => x.peak === asIs)?.peakStage;
    peaks.push(asIs);
    console.log(
      `| ${f.label} (${f.width} × ${f.height}) | ${(f.bytes.length / 1024).toFixed(0)} KB | 1/${first.scale} | ${first.faces} | ${mb(isolate)} | ` +
        `${mb(asIs)} / ${mb(live)} | ${during} | ${mb(rss)} | ${of128(isolate + asIs)} | ${of128(isolate + rss)} |`,
    );
  }
  const [base, large] = peaks;
  if (base !== undefined && large !== undefined) console.log(`\n12 MP ingest peak (as sampled) against the 2 MP one: ×${(large / base).toFixed(2)}`);
}

const dir = process.env.N2K_MEDIA_MEMORY_PHOTOS;
if (dir === undefined) main();
else await measure(dir, process.env.N2K_MEDIA_MEMORY_FORWARD === 'face-api' ? 'face-api' : 'lean');
