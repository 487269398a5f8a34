/**
 * The SSD MobileNet v1 face detector's weights, as shipped in `@vladmandic/face-api` (5.4 MB):
 * the stronger detector, used by the quality tests to check that no face survives redaction. Not
 * imported by the gateway (it would add 5.4 MB to the Worker for a check made once, in tests).
 */
import weights from '@vladmandic/face-api/model/ssd_mobilenetv1_model.bin';
import manifest from '@vladmandic/face-api/model/ssd_mobilenetv1_model-weights_manifest.json';
import type { ModelFiles } from '../face-detector.js';
import { TFJS_WASM_SIMD } from './tfjs-wasm-simd.js';

/** Weights and their manifest, run on the WebAssembly kernels. */
export const SSD_MOBILENET: ModelFiles = { name: 'ssd_mobilenetv1', weights, manifest, wasm: TFJS_WASM_SIMD };
