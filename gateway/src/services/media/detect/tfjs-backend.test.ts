/**
 * The detector runs on TensorFlow.js's WebAssembly kernels inside workerd: the compiled module is
 * bundled, instantiated without compiling anything at run time, and chosen over the CPU kernels
 * (which would cost about 15 times the CPU per photo, silently).
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import { describe, expect, it } from 'vitest';
import { decodeJpeg } from '../decode/decode-jpeg.js';
import { detectFaces } from './face-detector.js';
import { TFJS_WASM_SIMD } from './models/tfjs-wasm-simd.js';
import { TINY_FACE_DETECTOR } from './models/tiny-face-detector.js';
import { SAMPLE_PHOTOS } from './sample-faces.js';
import { selectBackend } from './tfjs-backend.js';
import { DETECTOR_INPUT_SIZE, REDACT_SCORE_MIN } from './thresholds.js';

/** Decoding a 2.5 MP photograph and a first detection (instantiating the kernels): seconds on a loaded machine, not the default 5. */
const DETECTION_TIMEOUT_MS = 120_000;

const engine = faceapi.tf as unknown as { getBackend(): string };

describe('the face detector’s TensorFlow.js backend', () => {
  it('bundles the kernels as a compiled WebAssembly module', () => {
    expect(TFJS_WASM_SIMD).toBeInstanceOf(WebAssembly.Module);
    expect(TINY_FACE_DETECTOR.wasm).toBe(TFJS_WASM_SIMD);
  });

  it(
    'detects on the WebAssembly kernels, with the boxes the CPU kernels gave',
    async () => {
      const [photo] = SAMPLE_PHOTOS;
      if (photo === undefined) throw new Error('no sample photograph');
      const { image } = decodeJpeg(photo.bytes, { maxPixels: 4_000_000 });
      const manifest = await detectFaces(image, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
      expect(await selectBackend(TINY_FACE_DETECTOR.wasm)).toBe('wasm');
      expect(engine.getBackend()).toBe('wasm');
      // sample1.jpg at 416 on the CPU kernels (BENCHMARKS.md, "Face redaction"): three faces, these scores.
      expect(manifest.faces.map((f) => f.score)).toEqual([0.813, 0.786, 0.672]);
    },
    DETECTION_TIMEOUT_MS,
  );
});
