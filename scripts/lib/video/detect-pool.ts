/**
 * Detection on several cores: a pool of `worker_threads`, each running its own copy of the photos'
 * face detector (`detect-worker.ts`), fed in turn the decoded frames the calling thread does not
 * examine itself (`detect-frames.ts`). A frame's faces do not depend
 * on which thread examined it (the same code, weights and WebAssembly kernels; no state is carried
 * from one frame to the next), so the pool's answers are the sequential pass's, frame for frame.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ModelFiles } from '../../../gateway/src/services/media/detect/face-detector.js';
import type { Detection } from './track.js';

/**
 * Most detection threads by default. Each holds its own detector (≈ 60 MB of weights, kernels and
 * tensors), and past four the decode and the main thread become the bottleneck on 720p footage.
 */
export const DETECT_WORKERS_MAX = 4;

/** Environment variable that sets the number of detection threads (1: detect on the main thread). */
export const DETECT_WORKERS_ENV = 'N2K_VIDEO_WORKERS';

/** Frames queued per thread: one examined, one waiting, so a thread never idles on the round trip. */
const QUEUED_PER_WORKER = 2;

/** What a worker is started with. */
export interface PoolSetup {
  readonly detector: ModelFiles['name'];
  readonly options: { readonly inputSize: number; readonly scoreMin: number };
}
/** A frame sent to a worker (its pixels are transferred, not copied). */
export interface PoolRequest {
  readonly n: number;
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}
/** A worker's answer: ready (or not) after loading, then the faces of frame `n` or the detector's error. */
export type PoolResponse =
  | { readonly ready: true }
  | { readonly ready: false; readonly error: string }
  | { readonly n: number; readonly faces: readonly Detection[] }
  | { readonly n: number; readonly error: string };

/**
 * Detection threads to use: `requested` if given, else {@link DETECT_WORKERS_ENV}, else the
 * machine's available parallelism capped at {@link DETECT_WORKERS_MAX}; at least 1.
 */
export function detectWorkers(requested?: number, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number.parseInt(env[DETECT_WORKERS_ENV] ?? '', 10);
  const n = requested ?? (Number.isFinite(fromEnv) ? fromEnv : Math.min(availableParallelism(), DETECT_WORKERS_MAX));
  return Math.max(1, Math.floor(n));
}

/** A running pool. */
export interface DetectPool {
  /** Sends frame `n`; resolves once the pool can take another frame (back-pressure on the decoder). */
  submit(n: number, width: number, height: number, data: Uint8Array): Promise<void>;
  /** Resolves with the faces per frame (in the shrunk frames' pixels) or errors per frame, once every sent frame is answered. */
  drain(): Promise<{ faces: Map<number, readonly Detection[]>; errors: Map<number, string> }>;
  /** Stops every thread. */
  close(): Promise<void>;
}

/**
 * Starts `size` threads running `setup.detector` and resolves once each has loaded it.
 * `onAnswer` is called after each answered frame with the count answered so far.
 *
 * @throws Error when a thread cannot start or load the detector (every thread is stopped).
 */
export async function startDetectPool(size: number, setup: PoolSetup, onAnswer?: (answered: number) => void): Promise<DetectPool> {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./detect-worker.mjs', import.meta.url), { workerData: setup, execArgv: [] }));
  const faces = new Map<number, readonly Detection[]>();
  const errors = new Map<number, string>();
  const pending = workers.map(() => 0);
  let sent = 0;
  let crashed: Error | null = null;
  let closing = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const close = async () => {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  };
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('error', reject);
            w.once('message', (m: PoolResponse) => ('ready' in m && m.ready ? resolve() : reject(new Error('error' in m ? m.error : 'no answer'))));
          }),
      ),
    );
  } catch (err) {
    await close();
    throw err;
  }
  workers.forEach((w, i) => {
    w.on('message', (m: PoolResponse) => {
      if (!('n' in m)) return;
      if ('faces' in m) faces.set(m.n, m.faces);
      else errors.set(m.n, m.error);
      pending[i] = (pending[i] ?? 1) - 1;
      onAnswer?.(faces.size + errors.size);
      notify();
    });
    w.on('error', (err) => {
      crashed ??= err;
      notify();
    });
    w.on('exit', (code) => {
      if (!closing) crashed ??= new Error(`a detection thread stopped (exit ${code})`);
      notify();
    });
  });
  const wait = () => new Promise<void>((resolve) => (wake = resolve));
  const check = () => {
    if (crashed !== null) throw crashed;
  };
  return {
    async submit(n, width, height, data) {
      check();
      // Round robin over the threads, so each thread's queue stays in frame order.
      const i = sent % size;
      while ((pending[i] ?? 0) >= QUEUED_PER_WORKER) {
        await wait();
        check();
      }
      pending[i] = (pending[i] ?? 0) + 1;
      sent++;
      (workers[i] as Worker).postMessage({ n, width, height, data } satisfies PoolRequest, [data.buffer as ArrayBuffer]);
    },
    async drain() {
      while (faces.size + errors.size < sent) {
        check();
        await wait();
      }
      check();
      return { faces, errors };
    },
    close,
  };
}
