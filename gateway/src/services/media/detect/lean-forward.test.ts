/**
 * The lean forward pass gives exactly what face-api's own pass gives (every value of the network's
 * output, on every sample photograph, at the input sizes ingest uses), with a third of the peak
 * memory: the detector's tensors at their largest, as TensorFlow.js's profiler counts them.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import { describe, expect, it } from 'vitest';
import { decodeJpeg } from '../decode/decode-jpeg.js';
import { downscaleToRgb } from './downscale.js';
import { detectFaces } from './face-detector.js';
import { leanMobilenet } from './lean-forward.js';
import { TINY_FACE_DETECTOR } from './models/tiny-face-detector.js';
import { SAMPLE_PHOTOS } from './sample-faces.js';
import { DETECTOR_INPUT_SIZE, REDACT_SCORE_MIN } from './thresholds.js';

/** Six photographs, two passes each: tens of seconds on a loaded machine. */
const SLOW = 180_000;
/** Peak of the detector's tensors at 416 with face-api's own pass (67.6 MB measured) and the most the lean pass may take (17.5 MB measured). */
const FACE_API_PEAK_BYTES = 67.6 * 1024 * 1024;
const LEAN_PEAK_BYTES = 20 * 1024 * 1024;

/** The parts of TensorFlow.js used here; the bundle exports them, its declarations list only what face-api uses. */
const tf = faceapi.tf as unknown as typeof faceapi.tf & {
  profile(f: () => Promise<void>): Promise<{ peakBytes: number }>;
  memory(): { numBytes: number };
};
const net = faceapi.nets.tinyFaceDetector;
type Forward = typeof leanMobilenet;
/** face-api's own pass, from the class (the instance runs the lean one). */
const faceApiPass = (Object.getPrototypeOf(net) as { runMobilenet: Forward }).runMobilenet;

/**
 * The network's output for `photo` at `inputSize`, with `pass` as the forward pass, and the peak
 * bytes of the pass's tensors: its input and every tensor made while it runs. Tensors the isolate
 * already held are not counted: the gateway's test files share one runtime, and one that ran the
 * stronger detector (SSD MobileNet) before this one leaves its 22 MB of weights loaded, which
 * `tf.profile`'s peak would otherwise add to every pass measured here.
 */
async function output(bytes: Uint8Array, inputSize: number, pass: Forward): Promise<{ values: Float32Array; peak: number }> {
  const { image } = decodeJpeg(bytes, { maxPixels: 4_000_000 });
  const small = downscaleToRgb(image, inputSize);
  const input = tf.tensor3d(small.data, [small.height, small.width, 3], 'int32');
  const held = tf.memory().numBytes - input.size * Int32Array.BYTES_PER_ELEMENT;
  const instance = net as unknown as { runMobilenet: Forward };
  const lean = instance.runMobilenet;
  instance.runMobilenet = pass;
  try {
    let values: Float32Array = new Float32Array();
    const profile = await tf.profile(async () => {
      const netInput = await faceapi.toNetInput(input);
      const out = net.forwardInput(netInput, inputSize);
      values = (await out.data()) as Float32Array;
      out.dispose();
    });
    return { values, peak: profile.peakBytes - held };
  } finally {
    instance.runMobilenet = lean;
    input.dispose();
  }
}

describe('the tiny face detector’s lean forward pass', () => {
  it(
    'gives every output value face-api’s own pass gives, on every sample photograph, with at most a third of its peak memory',
    async () => {
      // Loads the weights and installs the lean pass, as ingest does.
      const [first] = SAMPLE_PHOTOS;
      if (first === undefined) throw new Error('no sample photograph');
      await detectFaces(decodeJpeg(first.bytes, { maxPixels: 4_000_000 }).image, TINY_FACE_DETECTOR, {
        inputSize: DETECTOR_INPUT_SIZE,
        scoreMin: REDACT_SCORE_MIN,
      });
      expect((net as unknown as { runMobilenet: Forward }).runMobilenet).toBe(leanMobilenet);
      expect(faceApiPass).not.toBe(leanMobilenet);

      for (const photo of SAMPLE_PHOTOS) {
        for (const size of [DETECTOR_INPUT_SIZE, 224, 64]) {
          const theirs = await output(photo.bytes, size, faceApiPass);
          const ours = await output(photo.bytes, size, leanMobilenet);
          expect(ours.values.length).toBe(theirs.values.length);
          // Bit for bit: the same floats, not merely close ones.
          const differing = ours.values.findIndex((v, i) => !Object.is(v, theirs.values[i]));
          expect(differing).toBe(-1);
          if (size === DETECTOR_INPUT_SIZE) {
            expect(theirs.peak).toBeGreaterThan(FACE_API_PEAK_BYTES * 0.95);
            expect(ours.peak).toBeLessThan(LEAN_PEAK_BYTES);
          }
        }
      }
    },
    SLOW,
  );
});
