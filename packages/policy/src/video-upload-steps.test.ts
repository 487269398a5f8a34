import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type VideoUploadFacts, type VideoUploadState, type VideoUploadStep, videoUploadStep } from './video-upload-steps.js';

const open: VideoUploadFacts = { owner: 'police', clientId: 'uploader', state: 'open', expiresAt: 1_000 };
const opener = { owner: 'police', clientId: 'uploader' };
const STEPS: readonly VideoUploadStep[] = ['send', 'complete', 'cancel'];
const STATES: readonly VideoUploadState[] = ['open', 'complete', 'dropped', 'cancelled'];

describe('videoUploadStep', () => {
  it('lets the opener send, complete and cancel an open upload before its expiry', () => {
    for (const step of STEPS) expect(videoUploadStep(open, opener, step, 999)).toEqual({ kind: 'proceed' });
  });

  it('lets another client of the same owner send and complete, but not cancel (answered as missing)', () => {
    const colleague = { owner: 'police', clientId: 'other' };
    expect(videoUploadStep(open, colleague, 'send', 0)).toEqual({ kind: 'proceed' });
    expect(videoUploadStep(open, colleague, 'complete', 0)).toEqual({ kind: 'proceed' });
    expect(videoUploadStep(open, colleague, 'cancel', 0)).toEqual({ kind: 'refuse', code: 'not_found' });
  });

  it('answers a missing upload and every step of another owner alike, whatever its state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.constantFrom(...STEPS), fc.integer(), (state, step, now) => {
        const decision = videoUploadStep({ ...open, state }, { owner: 'health', clientId: 'uploader' }, step, now);
        expect(decision).toEqual(videoUploadStep(null, opener, step, now));
        expect(decision).toEqual({ kind: 'refuse', code: 'not_found' });
      }),
    );
  });

  it('never cancels a completed upload: a stored video is replaced, not cancelled', () => {
    for (const step of STEPS) expect(videoUploadStep({ ...open, state: 'complete' }, opener, step, 0)).toEqual({ kind: 'refuse', code: 'upload_complete' });
  });

  it('answers a cancel again as the first, and refuses a chunk or completion of a cancelled upload', () => {
    const cancelled = { ...open, state: 'cancelled' as const };
    expect(videoUploadStep(cancelled, opener, 'cancel', 0)).toEqual({ kind: 'cancelled' });
    expect(videoUploadStep(cancelled, opener, 'send', 0)).toEqual({ kind: 'refuse', code: 'upload_cancelled' });
    expect(videoUploadStep(cancelled, opener, 'complete', 2_000)).toEqual({ kind: 'refuse', code: 'upload_cancelled' });
  });

  it('refuses chunks and completion from the expiry on, but still lets the opener cancel an expired open upload', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (now) => {
        const expired = now >= open.expiresAt;
        expect(videoUploadStep(open, opener, 'send', now).kind).toBe(expired ? 'refuse' : 'proceed');
        expect(videoUploadStep(open, opener, 'complete', now).kind).toBe(expired ? 'refuse' : 'proceed');
        expect(videoUploadStep(open, opener, 'cancel', now)).toEqual({ kind: 'proceed' });
      }),
    );
    for (const step of STEPS) expect(videoUploadStep({ ...open, state: 'dropped' }, opener, step, 0)).toEqual({ kind: 'refuse', code: 'upload_expired' });
  });
});
