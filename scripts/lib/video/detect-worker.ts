/**
 * One detection worker (a `worker_threads` thread of `detect-pool.ts`): loads the named detector
 * once (its own TensorFlow.js and WebAssembly kernels, the same code and weights as the main
 * thread's), then answers each frame it is sent with the detector's faces, in the shrunk frame's
 * pixels, or with the detector's error. Nothing else: mapping boxes back to source pixels, ordering
 * and the fail-safe stay with the caller, exactly as on the sequential path.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ssdFaceDetector, tinyFaceDetector } from './face-detector-node.js';
import type { PoolRequest, PoolResponse, PoolSetup } from './detect-pool.js';

const port = parentPort;
if (port === null) throw new Error('detect-worker.ts runs only as a worker thread');
const setup = workerData as PoolSetup;
const post = (message: PoolResponse) => port.postMessage(message);

try {
  const detector = setup.detector === 'ssd_mobilenetv1' ? await ssdFaceDetector() : await tinyFaceDetector();
  // One frame at a time, in the order sent: the pool may queue a second while the first is examined.
  let queue = Promise.resolve();
  port.on('message', (frame: PoolRequest) => {
    queue = queue.then(() =>
      detector
        .detect({ width: frame.width, height: frame.height, data: frame.data }, setup.options)
        .then((result) => post({ n: frame.n, faces: result.faces.map((f) => ({ x: f.x, y: f.y, width: f.width, height: f.height, score: f.score })) }))
        .catch((err: unknown) => post({ n: frame.n, error: err instanceof Error ? err.message : String(err) })),
    );
  });
  post({ ready: true });
} catch (err) {
  post({ ready: false, error: err instanceof Error ? err.message : String(err) });
}
