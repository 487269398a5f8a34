import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type VideoUploadFacts, type VideoUploadState, type VideoUploadStep, videoUploadOpening, videoUploadStep } from './video-upload-steps.js';

const open: VideoUploadFacts = { owner: 'police', clientId: 'uploader', recordType: 'case', state: 'open', expiresAt: 1_000 };
const opener = { owner: 'police', clientId: 'uploader', recordTypes: ['person', 'case'] };
const STEPS: readonly VideoUploadStep[] = ['send', 'complete', 'cancel'];
const STATES: readonly VideoUploadState[] = ['open', 'complete', 'replaced', 'dropped', 'cancelled'];
const TYPES = ['person', 'case', 'offence', 'health_case'] as const;

describe('videoUploadStep', () => {
  it('lets the opener send, complete and cancel an open upload before its expiry', () => {
    for (const step of STEPS) expect(videoUploadStep(open, opener, step, 999)).toEqual({ kind: 'proceed' });
  });

  it('answers another client of the same owner as for a missing upload: no chunk, no completion, no cancel', () => {
    const colleague = { owner: 'police', clientId: 'other', recordTypes: ['case'] };
    for (const step of STEPS) expect(videoUploadStep(open, colleague, step, 0)).toEqual({ kind: 'refuse', code: 'not_found' });
  });

  it('answers every step of another client of the same owner exactly like a missing upload, whatever its state, the scope and the time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.constantFrom(...STEPS),
        fc.subarray([...TYPES]),
        fc.string({ minLength: 1 }).filter((id) => id !== open.clientId),
        fc.integer(),
        (state, step, recordTypes, clientId, now) => {
          const decision = videoUploadStep({ ...open, state }, { owner: 'police', clientId, recordTypes }, step, now);
          expect(decision).toEqual(videoUploadStep(null, { owner: 'police', clientId, recordTypes }, step, now));
          expect(decision).toEqual({ kind: 'refuse', code: 'not_found' });
        },
      ),
    );
  });

  it('answers a missing upload and every step of another owner alike, whatever its state and the scope', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.constantFrom(...STEPS), fc.subarray([...TYPES]), fc.integer(), (state, step, recordTypes, now) => {
        const decision = videoUploadStep({ ...open, state }, { owner: 'health', clientId: 'uploader', recordTypes }, step, now);
        expect(decision).toEqual(videoUploadStep(null, { ...opener, recordTypes }, step, now));
        expect(decision).toEqual({ kind: 'refuse', code: 'not_found' });
      }),
    );
  });

  it('refuses a chunk and a completion by a token no longer carrying the upload’s record type, whatever the state and time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.constantFrom<VideoUploadStep>('send', 'complete'),
        fc.subarray(TYPES.filter((t) => t !== 'case')),
        fc.integer(),
        (state, step, recordTypes, now) => {
          const narrowed = { ...opener, recordTypes };
          expect(videoUploadStep({ ...open, state }, narrowed, step, now)).toEqual({ kind: 'refuse', code: 'insufficient_scope' });
        },
      ),
    );
  });

  it('lets the opener cancel with a narrowed token exactly as with the full one (a cancel only removes data)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.subarray([...TYPES]), fc.integer(), (state, recordTypes, now) => {
        const upload = { ...open, state };
        expect(videoUploadStep(upload, { ...opener, recordTypes }, 'cancel', now)).toEqual(videoUploadStep(upload, opener, 'cancel', now));
      }),
    );
  });

  it('decides a token carrying the record type as it would any other such token', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.constantFrom(...STEPS), fc.subarray([...TYPES]), fc.integer(), (state, step, others, now) => {
        const upload = { ...open, state };
        const decision = videoUploadStep(upload, { ...opener, recordTypes: [...others.filter((t) => t !== 'case'), 'case'] }, step, now);
        expect(decision).toEqual(videoUploadStep(upload, opener, step, now));
        expect(decision).not.toEqual({ kind: 'refuse', code: 'insufficient_scope' });
      }),
    );
  });

  it('never cancels a completed upload, nor one since replaced by a newer upload: a stored video is replaced, not cancelled', () => {
    for (const state of ['complete', 'replaced'] as const)
      for (const step of STEPS) expect(videoUploadStep({ ...open, state }, opener, step, 0)).toEqual({ kind: 'refuse', code: 'upload_complete' });
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

  describe('videoUploadOpening', () => {
    it('lets a token carrying the record type open an upload, and refuses any other with insufficient_scope', () => {
      fc.assert(
        fc.property(fc.constantFrom(...TYPES), fc.subarray([...TYPES]), (type, recordTypes) => {
          const decision = videoUploadOpening({ ...opener, recordTypes }, type);
          expect(decision).toEqual(recordTypes.includes(type) ? { kind: 'proceed' } : { kind: 'refuse', code: 'insufficient_scope' });
        }),
      );
    });

    it('opens under the same scope as the chunks and the completion then ask', () => {
      fc.assert(
        fc.property(fc.constantFrom(...TYPES), fc.subarray([...TYPES]), (recordType, recordTypes) => {
          const caller = { ...opener, recordTypes };
          const opening = videoUploadOpening(caller, recordType);
          for (const step of ['send', 'complete'] as const)
            expect(videoUploadStep({ ...open, recordType }, caller, step, 0).kind === 'proceed').toBe(opening.kind === 'proceed');
        }),
      );
    });
  });
});
