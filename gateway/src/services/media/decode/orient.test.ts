/** Orientation: every EXIF value, checked by its inverse. */
import { describe, expect, it } from 'vitest';
import type { Orientation } from './exif-orientation.js';
import { applyOrientation } from './orient.js';

/** A 3 × 2 picture whose pixel i has red = i. */
const tiny = () => ({ width: 3, height: 2, data: Uint8Array.from({ length: 24 }, (_, i) => (i % 4 === 0 ? i / 4 : 255)) });
const reds = (image: { data: Uint8Array }) => [...image.data].filter((_, i) => i % 4 === 0);

describe('applyOrientation', () => {
  it('turns and mirrors as EXIF defines', () => {
    // 0 1 2 / 3 4 5 as stored.
    expect(reds(applyOrientation(tiny(), 2))).toEqual([2, 1, 0, 5, 4, 3]);
    expect(reds(applyOrientation(tiny(), 3))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(reds(applyOrientation(tiny(), 4))).toEqual([3, 4, 5, 0, 1, 2]);
    expect(reds(applyOrientation(tiny(), 5))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(reds(applyOrientation(tiny(), 6))).toEqual([3, 0, 4, 1, 5, 2]);
    expect(reds(applyOrientation(tiny(), 7))).toEqual([5, 2, 4, 1, 3, 0]);
    expect(reds(applyOrientation(tiny(), 8))).toEqual([2, 5, 1, 4, 0, 3]);
    expect(applyOrientation(tiny(), 6)).toMatchObject({ width: 2, height: 3 });
  });

  it('undoes each turn with its inverse', () => {
    const inverse: Record<Orientation, Orientation> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6 };
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as const) expect(applyOrientation(applyOrientation(tiny(), o), inverse[o])).toEqual(tiny());
  });

  it('copies an unaligned buffer instead of misreading it', () => {
    const backing = new Uint8Array(25);
    backing.set(tiny().data, 1);
    expect(reds(applyOrientation({ width: 3, height: 2, data: backing.subarray(1) }, 3))).toEqual([5, 4, 3, 2, 1, 0]);
  });
});
