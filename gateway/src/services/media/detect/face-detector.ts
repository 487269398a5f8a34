/**
 * Finding faces in a decoded photo, inside the Worker: `@vladmandic/face-api` (its models and weights
 * ship in the npm package) on TensorFlow.js's pure-JavaScript CPU backend, which runs in workerd
 * as it is — no WASM, no GPU, no native binary, nothing downloaded at run time.
 *
 * Measured inside workerd (see BENCHMARKS.md, "Face redaction"): the tiny detector at 416 × 416
 * costs about 1.2 s of CPU per photo whatever its size (the photo is shrunk first), ≈ 30 MB of
 * memory for weights and tensors, and adds ≈ 1.9 MB (0.54 MB gzip) to the Worker's bundle. That
 * is within a paid Worker's limits (30 s of CPU by default, 128 MB, 10 MB compressed), not a free
 * one's CPU time (10 ms).
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import type { RgbaImage } from '@need2know/png';
import { downscaleToRgb } from './downscale.js';
import type { DetectionManifest, FaceBox } from './manifest.js';

/** A detector's weights as its package ships them: the binary and the manifest describing its tensors. */
export interface ModelFiles {
  readonly name: DetectionManifest['detector'];
  readonly weights: ArrayBuffer;
  readonly manifest: readonly { readonly weights: readonly unknown[] }[];
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
/** The bundle exports all of TensorFlow.js, but its type declarations list only what face-api uses. */
const engine = tf as unknown as { setBackend(name: string): Promise<boolean>; ready(): Promise<void> };
let backend: Promise<void> | null = null;
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

/** Selects the CPU backend once per isolate (the package also registers WebGL and WASM, neither usable in a Worker). */
function cpuBackend(): Promise<void> {
  backend ??= (async () => {
    tensorsOnlyEnvironment();
    if (!(await engine.setBackend('cpu'))) throw new Error('TensorFlow.js CPU backend unavailable');
    await engine.ready();
  })();
  return backend;
}

/** The network object of a model, with its weights loaded once per isolate. */
function network(model: ModelFiles) {
  const net = model.name === 'tiny_face_detector' ? faceapi.nets.tinyFaceDetector : faceapi.nets.ssdMobilenetv1;
  if (!loaded.has(model.name)) {
    type Specs = Parameters<typeof tf.io.decodeWeights>[1];
    const specs = model.manifest.flatMap((group) => group.weights) as unknown as Specs;
    net.loadFromWeightMap(tf.io.decodeWeights(model.weights, specs));
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
  await cpuBackend();
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
