import { describe, expect, it } from 'vitest';
import { failSafeCause } from './fail-safe.js';

describe('when a clip fails safe to the whole-frame blur', () => {
  it('makes the redacted rendition once one frame has a face at the floor', () => {
    expect(failSafeCause([[], [{ score: 0.3 }], [{ score: 0.5 }]], null, 0.5)).toBeNull();
  });

  it('fails safe when no frame has a box, when every box is under the floor, or when the detector stopped', () => {
    expect(failSafeCause([[], [], []], null, 0.5)).toBe('no_face_found');
    expect(failSafeCause([], null, 0.5)).toBe('no_face_found');
    expect(failSafeCause([[{ score: 0.49 }], [{ score: 0.2 }]], null, 0.5)).toBe('detection_unsure');
    expect(failSafeCause([[{ score: 0.9 }]], 'out of memory', 0.5)).toBe('detection_failed');
    expect(failSafeCause([[{ score: Number.NaN }]], null, 0.5)).toBe('detection_unsure');
  });
});
