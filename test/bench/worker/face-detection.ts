/**
 * Benchmark-only route: face detection alone inside workerd, on either set of TensorFlow.js kernels,
 * so that its cost is measured apart from decoding. Never deployed.
 *
 * `POST /__bench/photo/detect?repeat=N&kernels=wasm|cpu`: decode the JPEG body once, then run the
 * tiny face detector N times at the gateway's input size (N = 0: decoding alone, the baseline). The
 * first request in an isolate decides the kernels (tfjs-backend.ts); the answer says which run.
 * workerd's clock does not move during computation: the client times the requests.
 */
import { Hono } from 'hono';
import { decodeJpeg } from '../../../gateway/src/services/media/decode/decode-jpeg.js';
import { detectFaces, type ModelFiles } from '../../../gateway/src/services/media/detect/face-detector.js';
import { TINY_FACE_DETECTOR } from '../../../gateway/src/services/media/detect/models/tiny-face-detector.js';
import { selectBackend } from '../../../gateway/src/services/media/detect/tfjs-backend.js';
import { DETECTOR_INPUT_SIZE, REDACT_SCORE_MIN } from '../../../gateway/src/services/media/detect/thresholds.js';

/** The sample photographs are 2.5 MP; room for 12 MP as in the redaction bench. */
const BENCH_LIMIT = { maxPixels: 13_000_000, maxMemoryMb: 512 };

/** The tiny detector without its WebAssembly kernels: the CPU fallback. */
const CPU_ONLY: ModelFiles = { name: TINY_FACE_DETECTOR.name, weights: TINY_FACE_DETECTOR.weights, manifest: TINY_FACE_DETECTOR.manifest };

/** The detection route, mounted by the bench Worker. */
export const faceDetection = new Hono();

faceDetection.post('/__bench/photo/detect', async (c) => {
  const repeat = Number(c.req.query('repeat') ?? '1');
  const model = c.req.query('kernels') === 'cpu' ? CPU_ONLY : TINY_FACE_DETECTOR;
  const { image } = decodeJpeg(new Uint8Array(await c.req.arrayBuffer()), BENCH_LIMIT);
  let faces = 0;
  for (let i = 0; i < repeat; i++) faces = (await detectFaces(image, model, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN })).faces.length;
  return c.json({ kernels: await selectBackend(model.wasm), width: image.width, height: image.height, faces });
});
