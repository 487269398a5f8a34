/**
 * The tiny face detector's weights, as shipped in `@vladmandic/face-api` (190 KB, 8-bit quantised):
 * bundled into the Worker, never fetched at run time.
 */
import weights from '@vladmandic/face-api/model/tiny_face_detector_model.bin';
import manifest from '@vladmandic/face-api/model/tiny_face_detector_model-weights_manifest.json';
import type { ModelFiles } from '../face-detector.js';
import { TFJS_WASM_SIMD } from './tfjs-wasm-simd.js';

/** Weights and their manifest (tensor names, shapes, quantisation), run on the WebAssembly kernels. */
export const TINY_FACE_DETECTOR: ModelFiles = { name: 'tiny_face_detector', weights, manifest, wasm: TFJS_WASM_SIMD };
