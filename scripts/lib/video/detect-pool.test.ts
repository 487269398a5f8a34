/**
 * Detection on several threads gives the sequential pass's answer: on the quality test's clip (real
 * photographs, faces moving, growing, leaving the frame, a face on two frames only), the boxes of
 * every frame found by a pool of threads equal, number for number, those found on the calling thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFrames } from './detect-frames.js';
import { DETECT_WORKERS_ENV, DETECT_WORKERS_MAX, detectWorkers } from './detect-pool.js';
import { type NodeDetector, tinyFaceDetector } from './face-detector-node.js';
import { type ProbedClip, probeClip } from './probe.js';
import { makePanZoomClip } from './test-clip.js';

let dir: string;
let source: string;
let clip: ProbedClip;
let tiny: NodeDetector;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-pool-'));
  source = join(dir, 'clip.mp4');
  await makePanZoomClip(source);
  clip = await probeClip(source);
  tiny = await tinyFaceDetector();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detection threads', () => {
  it('finds on every frame of the test clip exactly the boxes the sequential pass finds (threads 2 and 3 against 1)', async () => {
    const sequential = await detectFrames(source, clip, tiny, undefined, 1);
    expect(sequential.failure).toBeNull();
    expect(sequential.threads).toBe(1);
    expect(sequential.perFrame.flat().length).toBeGreaterThan(0);
    for (const threads of [2, 3]) {
      const answered: number[] = [];
      const parallel = await detectFrames(source, clip, tiny, (done) => answered.push(done), threads);
      expect(parallel.threads).toBe(threads);
      expect(parallel.perFrame).toEqual(sequential.perFrame);
      expect(parallel.failure).toBeNull();
      expect(answered.at(-1)).toBe(sequential.perFrame.length);
    }
  }, 600_000);

  it('keeps a detector that is not one of the package models on the calling thread, with its failure from the frame it failed on', async () => {
    let calls = 0;
    const failing: NodeDetector = {
      name: tiny.name,
      version: tiny.version,
      detect: async (image, options) => {
        calls++;
        if (calls === 3) throw new Error('out of memory');
        return tiny.detect(image, options);
      },
    };
    const found = await detectFrames(source, clip, failing, undefined, 4);
    expect(found.failure).toBe('out of memory');
    expect(calls).toBe(3);
    expect(found.threads).toBe(1);
    expect(found.perFrame.slice(2).flat()).toEqual([]);
  }, 300_000);

  it('sizes the pool from the request, then the environment, then the cores capped at DETECT_WORKERS_MAX, at least one', () => {
    expect(detectWorkers(3, {})).toBe(3);
    expect(detectWorkers(undefined, { [DETECT_WORKERS_ENV]: '1' })).toBe(1);
    expect(detectWorkers(undefined, { [DETECT_WORKERS_ENV]: '0' })).toBe(1);
    expect(detectWorkers(0, {})).toBe(1);
    const byCores = detectWorkers(undefined, { [DETECT_WORKERS_ENV]: 'many' });
    expect(byCores).toBeGreaterThanOrEqual(1);
    expect(byCores).toBeLessThanOrEqual(DETECT_WORKERS_MAX);
  });
});
