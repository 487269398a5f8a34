/**
 * The tiny face detector's forward pass with each intermediate tensor released as soon as the next
 * one is made, instead of at the end of a layer (face-api wraps each layer, and the whole pass, in
 * `tf.tidy`, which keeps every tensor of the scope until it ends).
 *
 * Why: a Worker has 128 MB, and the detector's tensors live in its WebAssembly heap, which grows to
 * the largest pass and never shrinks. At 416 × 416 the first layer's output is 414 × 414 × 16 floats
 * (11 MB); its leaky ReLU, written by face-api as `relu(x − 0.1x) + 0.1x`, made five of those live at
 * once: 67.6 MB of tensors at the peak and a heap of 86–108 MB, most of the isolate's memory before
 * any photo. Here at most three are live, and the first three layers run in bands of rows: 17.5 MB at
 * the peak, a heap of ≈ 28 MB (see BENCHMARKS.md, "Memory of a photo ingest").
 *
 * The operations and their order are face-api's own (`TinyYolov2Base.runMobilenet`,
 * `depthwiseSeparableConv`, `convLayer`, `leaky` in @vladmandic/face-api 1.7), so every value, box and
 * score is exactly the same; only when tensors are released changes.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';

const tf = faceapi.tf;
type Tensor4D = faceapi.tf.Tensor4D;
type Tensor1D = faceapi.tf.Tensor1D;

/** A plain convolution's weights (face-api's `ConvParams`). */
interface ConvParams {
  readonly filters: Tensor4D;
  readonly bias: Tensor1D;
}

/** A depthwise-separable convolution's weights (face-api's `SeparableConvParams`). */
interface SeparableConvParams {
  readonly depthwise_filter: Tensor4D;
  readonly pointwise_filter: Tensor4D;
  readonly bias: Tensor1D;
}

/** The tiny face detector's layers (face-api's `MobilenetParams`, its first layer a plain convolution). */
interface MobilenetParams {
  readonly conv0: ConvParams;
  readonly conv1: SeparableConvParams;
  readonly conv2: SeparableConvParams;
  readonly conv3: SeparableConvParams;
  readonly conv4: SeparableConvParams;
  readonly conv5: SeparableConvParams;
  readonly conv6?: SeparableConvParams;
  readonly conv7?: SeparableConvParams;
  readonly conv8: ConvParams;
}

/** The slope face-api's leaky ReLU gives negative values (0.1 as a float32). */
const LEAKY_SLOPE = 0.10000000149011612;

/** `f(x)`, with `x` released once it is used (never the pass's own input). */
function then<T extends faceapi.tf.Tensor>(x: Tensor4D, f: (x: Tensor4D) => T): T {
  const out = f(x);
  x.dispose();
  return out;
}

/** face-api's `leaky(x)`: `relu(x − 0.1x) + 0.1x`, releasing `x` and each step's input. */
function leaky(x: Tensor4D): Tensor4D {
  const slope = tf.scalar(LEAKY_SLOPE);
  const min = tf.mul(x, slope) as Tensor4D;
  slope.dispose();
  const kept = then(
    then(x, (t) => tf.sub(t, min) as Tensor4D),
    (t) => tf.relu(t),
  );
  const out = tf.add(kept, min) as Tensor4D;
  kept.dispose();
  min.dispose();
  return out;
}

/** face-api's `convLayer(x, params, 'valid', false)`: convolution plus bias. */
function convLayer(x: Tensor4D, params: ConvParams): Tensor4D {
  return then(tf.conv2d(x, params.filters, [1, 1], 'valid'), (t) => tf.add(t, params.bias) as Tensor4D);
}

/** face-api's `depthwiseSeparableConv`: pad by one, separable convolution, bias, leaky ReLU; releases `x`. */
function separable(x: Tensor4D, params: SeparableConvParams): Tensor4D {
  const padded = then(
    x,
    (t) =>
      tf.pad(t, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]) as Tensor4D,
  );
  const conv = then(padded, (t) => tf.separableConv2d(t, params.depthwise_filter, params.pointwise_filter, [1, 1], 'valid'));
  return leaky(then(conv, (t) => tf.add(t, params.bias) as Tensor4D));
}

/** A 2 × 2 max pool of `x` with `stride`, releasing `x`. */
const pool = (x: Tensor4D, stride: 1 | 2) => then(x, (t) => tf.maxPool(t, [2, 2], [stride, stride], 'same'));

/**
 * Pooled output rows made per band by {@link banded}: an eighth of the first layer's 207 (at
 * 416 × 416), so a band's three live tensors take about 4 MB where the whole layer's took 33 MB.
 */
export const BAND_ROWS = 26;

/**
 * `layer` (a 3 × 3 convolution, valid padding, then a 2 × 2 max pool of stride 2, `same` padding) on
 * `x` band by band: each band of pooled output rows from its own input rows (two more rows of input
 * than twice its rows, for the kernel), the bands joined. Every output value is computed from the
 * same inputs by the same operations as on the whole picture (rows of a band start on an even
 * convolution row, so the pool pads only where it pads the whole picture); only the peak is smaller.
 * `layer` must release the band it is given. Releases `x` unless `keep`.
 */
function banded(x: Tensor4D, layer: (band: Tensor4D) => Tensor4D, keep = false): Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const convRows = height - 2;
  const pooledRows = Math.ceil(convRows / 2);
  const bands: Tensor4D[] = [];
  for (let from = 0; from < pooledRows; from += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, pooledRows - from);
    const inputRows = Math.min(height - 2 * from, 2 * rows + 2);
    bands.push(pool(layer(tf.slice(x, [0, 2 * from, 0, 0], [batch, inputRows, width, channels])), 2));
  }
  if (!keep) x.dispose();
  const out = tf.concat(bands, 1) as Tensor4D;
  for (const band of bands) band.dispose();
  return out;
}

/** face-api's `depthwiseSeparableConv` then a 2 × 2 max pool of stride 2, band by band ({@link banded}); releases `x`. */
function separablePooled(x: Tensor4D, params: SeparableConvParams): Tensor4D {
  const padded = then(
    x,
    (t) =>
      tf.pad(t, [
        [0, 0],
        [1, 1],
        [1, 1],
        [0, 0],
      ]) as Tensor4D,
  );
  return banded(padded, (band) => {
    const conv = then(band, (t) => tf.separableConv2d(t, params.depthwise_filter, params.pointwise_filter, [1, 1], 'valid'));
    return leaky(then(conv, (t) => tf.add(t, params.bias) as Tensor4D));
  });
}

/**
 * face-api's `runMobilenet` for the tiny face detector (first layer a plain convolution), releasing
 * as it goes; its first three layers, the largest, band by band ({@link banded}). `x` (the
 * normalised input batch) stays the caller's.
 */
export function leanMobilenet(x: Tensor4D, params: MobilenetParams): Tensor4D {
  let out = banded(x, (band) => leaky(then(band, (t) => convLayer(t, params.conv0))), true);
  out = separablePooled(out, params.conv1);
  out = separablePooled(out, params.conv2);
  for (const layer of [params.conv3, params.conv4]) out = pool(separable(out, layer), 2);
  out = pool(separable(out, params.conv5), 1);
  if (params.conv6 !== undefined) out = separable(out, params.conv6);
  if (params.conv7 !== undefined) out = separable(out, params.conv7);
  return then(out, (t) => convLayer(t, params.conv8));
}

/**
 * Makes `net` (face-api's tiny face detector) run its forward pass through {@link leanMobilenet}.
 *
 * @example
 * useLeanForward(faceapi.nets.tinyFaceDetector);
 */
export function useLeanForward(net: typeof faceapi.nets.tinyFaceDetector): void {
  if (net.config.withSeparableConvs !== true || net.config.isFirstLayerConv2d !== true) throw new TypeError('not the tiny face detector');
  (net as unknown as { runMobilenet: typeof leanMobilenet }).runMobilenet = leanMobilenet;
}
