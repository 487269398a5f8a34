/**
 * Finding faces in a decoded photo, inside the Worker: `@vladmandic/face-api` (its models and weights
 * ship in the npm package) on TensorFlow.js's WebAssembly kernels (SIMD), compiled into the Worker
 * bundle as a module — nothing compiled from bytes, no GPU, no native binary, nothing downloaded at
 * run time. The pure-JavaScript CPU kernels remain as the fallback (tfjs-backend.ts).
 *
 * Measured (see BENCHMARKS.md, "Face redaction"): the tiny detector at 416 × 416 costs about 85 ms
 * of CPU per photo in Node on the WebAssembly kernels (1.25 s on the CPU kernels), ≈ 125 ms in
 * workerd, whatever the photo's size (it is shrunk first). The kernels add ≈ 0.45 MB (0.14 MB gzip)
 * to the Worker's bundle. Memory is the tighter limit: the WebAssembly heap that holds the tensors
 * grows to the largest forward pass and is kept by the isolate (Workers allow 128 MB), so the tiny
 * detector runs a lean pass (`lean-forward.ts`): 17.5 MB of tensors at the peak and a heap of ≈ 28 MB,
 * where face-api's own pass took 68 MB and a heap of 86–108 MB.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import type { RgbaImage } from '@need2know/png';
import { downscaleToRgb } from './downscale.js';
import { useLeanForward } from './lean-forward.js';
import type { DetectionManifest, FaceBox } from './manifest.js';
import { selectBackend } from './tfjs-backend.js';

/** A detector's files as its packages ship them: the weights, the manifest describing their tensors, and the kernels to run them on. */
export interface ModelFiles {
  readonly name: DetectionManifest['detector'];
  readonly weights: ArrayBuffer;
  readonly manifest: readonly { readonly weights: readonly unknown[] }[];
  /**
   * TensorFlow.js's WebAssembly kernels, compiled (`@tensorflow/tfjs-backend-wasm`'s SIMD build).
   * Without them, or where they cannot be instantiated, the detector runs on the pure-JavaScript CPU
   * kernels: the same boxes at about 15 times the CPU time. The first detection in an isolate decides.
   */
  readonly wasm?: WebAssembly.Module;
}

/** How to run a detector. */
export interface DetectOptions {
  /** Side of the detector's input square, in pixels (tiny detector: multiple of 32; SSD always runs at 512). */
  readonly inputSize: number;
  /** Lowest score kept. */
  readonly scoreMin: number;
}

/** The package that ships model and weights, named in every manifest. */
export const DETECTOR_PACKAGE = `@vladmandic/face-api@${faceapi.version}`;

const tf = faceapi.tf;
let environment = false;
const loaded = new Set<string>();

/** Thrown by every door of the tensors-only environment: nothing here may load an image or a file. */
function closed(): never {
  throw new Error('face detection takes decoded tensors only: no canvas, image, file or network');
}

/**
 * face-api looks for a browser (DOM) or Node environment to read images from; a Worker has neither
 * (and under the test pool's Node compatibility it would pick Node's). It is given one with no
 * doors: no element is ever an image, canvas or video, and reading a file or fetching a URL
 * throws — so weights can never be downloaded at run time, and only tensors go in.
 */
function tensorsOnlyEnvironment(): void {
  class NotAnElement {}
  const none = NotAnElement as never;
  faceapi.env.setEnv({
    Canvas: none,
    CanvasRenderingContext2D: none,
    Image: none,
    ImageData: none,
    Video: none,
    createCanvasElement: closed,
    createImageElement: closed,
    createVideoElement: closed,
    fetch: closed,
    readFile: closed,
  });
}

/** The network object of a model, with its weights loaded once per isolate. */
function network(model: ModelFiles) {
  const net = model.name === 'tiny_face_detector' ? faceapi.nets.tinyFaceDetector : faceapi.nets.ssdMobilenetv1;
  if (!loaded.has(model.name)) {
    type Specs = Parameters<typeof tf.io.decodeWeights>[1];
    const specs = model.manifest.flatMap((group) => group.weights) as unknown as Specs;
    net.loadFromWeightMap(tf.io.decodeWeights(model.weights, specs));
    // The same pass with each tensor released as soon as it is used: a third of the peak memory.
    if (model.name === 'tiny_face_detector') useLeanForward(faceapi.nets.tinyFaceDetector);
    loaded.add(model.name);
  }
  return net;
}

/**
 * The faces `model` finds in `image` (upright RGBA), in `image`'s pixels, highest score first.
 *
 * The picture is shrunk (area averaging) to the detector's input size before it becomes a tensor:
 * the detector would shrink it anyway, and building tensors of a full-size photo is most of the
 * cost otherwise. Boxes are clipped to the picture.
 *
 * @example
 * const manifest = await detectFaces(image, TINY_FACE_DETECTOR, { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN });
 * manifest.faces // [{ x: 412, y: 230, width: 96, height: 110, score: 0.81 }, …]
 */
export async function detectFaces(image: RgbaImage, model: ModelFiles, { inputSize, scoreMin }: DetectOptions): Promise<DetectionManifest> {
  if (!environment) {
    tensorsOnlyEnvironment();
    environment = true;
  }
  await selectBackend(model.wasm);
  network(model);
  const small = downscaleToRgb(image, inputSize);
  const input = tf.tensor3d(small.data, [small.height, small.width, 3], 'int32');
  let found: faceapi.FaceDetection[];
  try {
    const options =
      model.name === 'tiny_face_detector'
        ? new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: scoreMin })
        : new faceapi.SsdMobilenetv1Options({ minConfidence: scoreMin, maxResults: 200 });
    found = await faceapi.detectAllFaces(input, options).run();
  } finally {
    input.dispose();
  }
  const faces: FaceBox[] = found
    .map((d) => {
      const x0 = Math.max(0, d.box.x * small.scale);
      const y0 = Math.max(0, d.box.y * small.scale);
      const x1 = Math.min(image.width, (d.box.x + d.box.width) * small.scale);
      const y1 = Math.min(image.height, (d.box.y + d.box.height) * small.scale);
      return { x: Math.round(x0), y: Math.round(y0), width: Math.round(x1 - x0), height: Math.round(y1 - y0), score: Math.round(d.score * 1000) / 1000 };
    })
    .filter((f) => f.width > 0 && f.height > 0)
    .sort((a, b) => b.score - a.score);
  return {
    detector: model.name,
    version: DETECTOR_PACKAGE,
    inputSize: model.name === 'tiny_face_detector' ? inputSize : 512,
    scoreMin,
    width: image.width,
    height: image.height,
    faces,
  };
}
