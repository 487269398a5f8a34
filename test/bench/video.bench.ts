/**
 * Video benchmark (`npm run bench:video`): what the data owner's upload tool costs per second of
 * 720p footage, beside decoding the same footage alone, in the same run.
 *
 * The clip: a pan-and-zoom over a real party photograph (the detector package's sample1.jpg, faces
 * moving, growing and leaving the frame), 1280 × 720 at 30 fps like a body camera's, 4 s, H.264 with
 * AAC. "Redact" is all `n2k media upload` does before sending: probe, decode at the renditions' 15 fps,
 * detect faces on every frame, track, redact, encode the redacted and the blurred renditions, write
 * the manifest. "Decode alone" is ffmpeg decoding the same clip at the same 15 fps to raw RGBA frames
 * read by this process (what the rendering pass's decode costs). "Redact" runs twice: the
 * sequential path as the baseline (`detectThreads: 1`: detection on the calling thread, then both
 * renditions from one decode, as before) and the parallel one (detection threads sized from the
 * cores, the blurred rendition made beside detection). Rounds rotate the three, so all see the
 * same machine load; medians of {@link ROUNDS} rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tinyFaceDetector } from '../../scripts/lib/video/face-detector-node.js';
import { ffmpegTools, rawFrames, run } from '../../scripts/lib/video/ffmpeg.js';
import { detectWorkers } from '../../scripts/lib/video/detect-pool.js';
import { decodeInput, frameFilters } from '../../scripts/lib/video/frames.js';
import { probeClip } from '../../scripts/lib/video/probe.js';
import { redactVideo } from '../../scripts/lib/video/redact-video.js';
import { makePanZoomClip, type PanZoomClip } from '../../scripts/lib/video/test-clip.js';
import { environment } from './lib/measure.js';

/** Interleaved rounds; the median is reported. */
const ROUNDS = 3;

/** The benchmark's clip: 720p at 30 fps, 4 s (120 source frames, 60 at the renditions' rate). */
const CLIP: PanZoomClip = {
  width: 1280,
  height: 720,
  fps: 30,
  frames: 120,
  brief: { from: 60, to: 61, x: 1000, y: 440, width: 208, height: 240 },
  audio: true,
};

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const dir = mkdtempSync(join(tmpdir(), 'n2k-bench-video-'));
try {
  const source = join(dir, 'clip.mp4');
  await makePanZoomClip(source, CLIP);
  const clip = await probeClip(source);
  const seconds = clip.durationMs / 1000;
  const detector = await tinyFaceDetector();
  const { ffmpeg } = ffmpegTools();

  const decodeAlone = async () => {
    const decoder = run(
      ffmpeg,
      [...decodeInput(source), '-map', '0:v:0', '-vf', frameFilters(clip), '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
      'decoding',
    );
    let frames = 0;
    for await (const _ of rawFrames(decoder.child.stdout as NonNullable<typeof decoder.child.stdout>, clip.width * clip.height * 4)) frames++;
    await decoder.done;
    return frames;
  };
  const threads = detectWorkers();
  type Path = 'sequential' | 'parallel';
  const passes = { sequential: { detect: [] as number[], render: [] as number[] }, parallel: { detect: [] as number[], render: [] as number[] } };
  const redact = async (path: Path) => {
    const started = performance.now();
    let detected = started;
    const out = mkdtempSync(join(dir, 'out-'));
    const done = await redactVideo(source, {
      outDir: out,
      detector,
      detectThreads: path === 'sequential' ? 1 : threads,
      onProgress: (pass, n, total) => {
        if (pass === 'detect' && n === total) detected = performance.now();
      },
    });
    passes[path].detect.push(detected - started);
    passes[path].render.push(performance.now() - detected);
    rmSync(out, { recursive: true, force: true });
    const expected = path === 'sequential' ? 1 : threads;
    if (done.detectThreads !== expected) throw new Error(`the ${path} path examined frames on ${done.detectThreads} threads, not ${expected}`);
    return done.manifest;
  };

  // Warm-up: the detector's weights and kernels load on the first detection.
  const manifest = await redact('sequential');
  const parallelManifest = await redact('parallel');
  if (JSON.stringify(parallelManifest.tracks) !== JSON.stringify(manifest.tracks))
    throw new Error('the parallel path found other tracks than the sequential one');
  for (const p of Object.values(passes)) {
    p.detect.length = 0;
    p.render.length = 0;
  }
  const order = ['decode', 'sequential', 'parallel'] as const;
  const times = { decode: [] as number[], sequential: [] as number[], parallel: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < order.length; i++) {
      const which = order[(i + r) % order.length] as (typeof order)[number];
      const t = performance.now();
      await (which === 'decode' ? decodeAlone() : redact(which));
      times[which].push(performance.now() - t);
    }
  }

  const perSecond = (ms: number) => `${(ms / 1000 / seconds).toFixed(2)} s`;
  const [decodeMs, sequentialMs, parallelMs] = [median(times.decode), median(times.sequential), median(times.parallel)];
  const boxes = manifest.tracks.reduce((n, t) => n + t.boxes.length, 0);
  const what = `1280 × 720, 30 fps H.264 (${(clip.bytes / 1024).toFixed(0)} KB, ${seconds} s): redact (probe, detect every frame at 15 fps, track, both renditions, manifest)`;
  console.log(`Environment: ${environment()}; load average ${loadavg()[0]?.toFixed(1)}; ${threads} detection threads\n`);
  console.log('### Video redaction, per second of 720p footage\n');
  console.log('| measurement | time per second of footage (p50) | baseline | baseline time | time vs baseline |');
  console.log('| --- | ---: | --- | ---: | ---: |');
  console.log(
    `| ${what}, sequential | ${perSecond(sequentialMs)} | decode alone at 15 fps | ${perSecond(decodeMs)} | ×${(sequentialMs / decodeMs).toFixed(1)} |`,
  );
  console.log(
    `| ${what}, parallel (${threads} threads) | ${perSecond(parallelMs)} | decode alone at 15 fps | ${perSecond(decodeMs)} | ×${(parallelMs / decodeMs).toFixed(1)} |`,
  );
  console.log(
    `| ${what}, parallel (${threads} threads) | ${perSecond(parallelMs)} | the same, sequential | ${perSecond(sequentialMs)} | ×${(parallelMs / sequentialMs).toFixed(2)} |`,
  );
  console.log('');
  for (const path of ['sequential', 'parallel'] as const)
    console.log(
      `- ${path}: detection pass ${perSecond(median(passes[path].detect))}, rendering pass ${perSecond(median(passes[path].render))} per second of footage (p50)`,
    );
  console.log(
    `- ${manifest.tracks.length} tracks, ${boxes} boxes over ${Math.round(seconds * clip.renditionFps)} frames (the same on both paths); fail_safe ${manifest.fail_safe ?? 'none'}`,
  );
  const fiveMinutes = (ms: number) => (((ms / 1000 / seconds) * 300) / 60).toFixed(1);
  console.log(
    `- a 5-minute clip (the limit) at these rates: about ${fiveMinutes(sequentialMs)} minutes sequential, ${fiveMinutes(parallelMs)} minutes parallel`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
