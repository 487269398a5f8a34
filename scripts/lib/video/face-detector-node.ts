/**
 * The gateway's own face detector (`gateway/src/services/media/detect/face-detector.ts`), run in
 * Node on the data owner's side: the same code, thresholds and weights as for photos, the weights
 * read from the registry package in `node_modules` (nothing downloaded at run time).
 *
 * TensorFlow.js picks its platform once, when its module is first evaluated. Inside workerd it sees a
 * `WorkerGlobalScope` and takes the web platform; under Node it would take its Node platform, which
 * needs a module the face-api bundle leaves out. The scope is declared for the moment of the import
 * only, so the detector runs here exactly as it runs in the gateway.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RgbaImage } from '@need2know/png';
import type { ModelFiles } from '../../../gateway/src/services/media/detect/face-detector.js';
import type { DetectionManifest } from '../../../gateway/src/services/media/detect/manifest.js';

type Detect = (image: RgbaImage, model: ModelFiles, options: { inputSize: number; scoreMin: number }) => Promise<DetectionManifest>;

/** The detector as the upload tool runs it: its name and package version for the manifest, and the call. */
export interface NodeDetector {
  readonly name: ModelFiles['name'];
  /** `@vladmandic/face-api@<version>`. */
  readonly version: string;
  detect(image: RgbaImage, options: { inputSize: number; scoreMin: number }): Promise<DetectionManifest>;
  /**
   * The model a worker thread loads to run this very detector (`detect-pool.ts`); absent for any
   * other detector (a wrapped or substituted one), which then runs on the calling thread only.
   */
  readonly threadModel?: ModelFiles['name'];
}

const require = createRequire(import.meta.url);
const packageDir = require.resolve('@vladmandic/face-api/package.json').replace(/package\.json$/, '');

let kernels: WebAssembly.Module | undefined;
/**
 * TensorFlow.js's WebAssembly kernels (SIMD build, from `@tensorflow/tfjs-backend-wasm`, the version
 * face-api bundles), compiled once: the gateway's detector runs on them, about 15 times faster than
 * on the pure-JavaScript CPU kernels, which stay its fallback.
 */
function wasmKernels(): WebAssembly.Module {
  kernels ??= new WebAssembly.Module(readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')));
  return kernels;
}

/** A model's weights and manifest as the package ships them under `model/`. */
function modelFiles(name: ModelFiles['name'], file: string): ModelFiles {
  const bytes = readFileSync(`${packageDir}model/${file}.bin`);
  const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const manifest = JSON.parse(readFileSync(`${packageDir}model/${file}-weights_manifest.json`, 'utf8')) as ModelFiles['manifest'];
  return { name, weights, manifest, wasm: wasmKernels() };
}

let loading: Promise<{ detect: Detect; version: string }> | null = null;

/** The detector module, imported once under the web platform. */
function detectorModule(): Promise<{ detect: Detect; version: string }> {
  loading ??= (async () => {
    const scope = globalThis as { WorkerGlobalScope?: unknown };
    const had = 'WorkerGlobalScope' in scope;
    scope.WorkerGlobalScope ??= class WorkerGlobalScope {};
    try {
      const module = await import('../../../gateway/src/services/media/detect/face-detector.js');
      return { detect: module.detectFaces as Detect, version: module.DETECTOR_PACKAGE };
    } finally {
      if (!had) delete scope.WorkerGlobalScope;
    }
  })();
  return loading;
}

/**
 * The tiny face detector, the one the gateway runs on photos at ingest.
 *
 * @example
 * const detector = await tinyFaceDetector();
 * const found = await detector.detect(frame, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
 */
export async function tinyFaceDetector(): Promise<NodeDetector> {
  const { detect, version } = await detectorModule();
  const model = modelFiles('tiny_face_detector', 'tiny_face_detector_model');
  return { name: model.name, version, detect: (image, options) => detect(image, model, options), threadModel: model.name };
}

/** The package's stronger detector (SSD MobileNet v1): a second opinion in the quality tests. */
export async function ssdFaceDetector(): Promise<NodeDetector> {
  const { detect, version } = await detectorModule();
  const model = modelFiles('ssd_mobilenetv1', 'ssd_mobilenetv1_model');
  return { name: model.name, version, detect: (image, options) => detect(image, model, options), threadModel: model.name };
}
