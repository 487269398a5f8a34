/**
 * The gateway's own face detector (`gateway/src/services/media/detect/face-detector.ts`), run in Node
 * on pictures an end-to-end test took from the browser: the same code, the same weights from the
 * same registry package, read from `node_modules` instead of bundled into the Worker.
 *
 * TensorFlow.js picks its platform once, when its module is first evaluated. Inside workerd it sees a
 * `WorkerGlobalScope` and takes the web platform; under Node it would take its Node platform, which
 * needs a module the face-api bundle leaves out. The scope is declared for the moment of the import
 * only, so the detector runs here exactly as it runs in the gateway — on the same WebAssembly
 * kernels (`@tensorflow/tfjs-backend-wasm`'s SIMD build), compiled here from the package's file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RgbaImage } from '@need2know/png';
import type { DetectionManifest, FaceBox } from '../../gateway/src/services/media/detect/manifest.js';
import type { ModelFiles } from '../../gateway/src/services/media/detect/face-detector.js';
import { DETECTOR_INPUT_SIZE, FACE_CONFIDENCE_FLOOR, REDACT_SCORE_MIN } from '../../gateway/src/services/media/detect/thresholds.js';

type Detect = (image: RgbaImage, model: ModelFiles, options: { inputSize: number; scoreMin: number }) => Promise<DetectionManifest>;

const packageDir = createRequire(import.meta.url)
  .resolve('@vladmandic/face-api/package.json')
  .replace(/package\.json$/, '');

/** A file shipped in the detector's package, as bytes. */
export function faceApiFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(packageDir + path));
}

let kernels: WebAssembly.Module | null = null;
/** TensorFlow.js's WebAssembly kernels, compiled once (Node may compile from bytes; the Worker bundle imports them compiled). */
function wasmKernels(): WebAssembly.Module {
  kernels ??= new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')));
  return kernels;
}

function model(name: ModelFiles['name'], file: string): ModelFiles {
  const bytes = readFileSync(`${packageDir}model/${file}.bin`);
  const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const manifest = JSON.parse(readFileSync(`${packageDir}model/${file}-weights_manifest.json`, 'utf8')) as ModelFiles['manifest'];
  return { name, weights, manifest, wasm: wasmKernels() };
}

let detect: Promise<Detect> | null = null;
function detector(): Promise<Detect> {
  detect ??= (async () => {
    const scope = globalThis as { WorkerGlobalScope?: unknown };
    scope.WorkerGlobalScope = class WorkerGlobalScope {};
    try {
      return (await import('../../gateway/src/services/media/detect/face-detector.js')).detectFaces as Detect;
    } finally {
      delete scope.WorkerGlobalScope;
    }
  })();
  return detect;
}

/** The two detectors the package ships: the tiny one the gateway runs at ingest, and the stronger SSD. */
export const DETECTORS = {
  tiny: () => model('tiny_face_detector', 'tiny_face_detector_model'),
  ssd: () => model('ssd_mobilenetv1', 'ssd_mobilenetv1_model'),
} as const;

/**
 * The faces `which` detector finds in `image` with a score at or above the gateway's confidence floor
 * (the score above which the gateway vouches a face was found), run as the gateway runs it.
 */
export async function confidentFaces(image: RgbaImage, which: keyof typeof DETECTORS): Promise<FaceBox[]> {
  const found = await (await detector())(image, DETECTORS[which](), { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
  return found.faces.filter((f) => f.score >= FACE_CONFIDENCE_FLOOR);
}

/** Every box `which` detector finds in `image` at the gateway's lowest redaction score (what the gateway hides). */
export async function allFaces(image: RgbaImage, which: keyof typeof DETECTORS): Promise<readonly FaceBox[]> {
  return (await (await detector())(image, DETECTORS[which](), { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN })).faces;
}
