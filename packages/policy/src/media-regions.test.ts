import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_REGIONS, MAX_REGION_NOTE, protectionAfterEdit, regionEditIssues } from './media-regions.js';

const facts = { width: 640, height: 480, faces: 2 };
const plate = { x: 10, y: 400, width: 120, height: 30, reason: 'plate' };

describe('regionEditIssues', () => {
  it('accepts boxes inside the picture with known reasons, and face removals with a reason', () => {
    expect(
      regionEditIssues(
        {
          regions: [plate, { x: 0, y: 0, width: 640, height: 480, reason: 'other', note: 'a poster naming the victim' }],
          removedFaces: [{ face: 1, reason: 'not_a_face' }],
        },
        facts,
      ),
    ).toEqual([]);
  });

  it('refuses boxes outside the picture, fractional or empty', () => {
    for (const box of [
      { x: 600, y: 0, width: 41, height: 10 },
      { x: -1, y: 0, width: 5, height: 5 },
      { x: 0, y: 0, width: 0, height: 5 },
      { x: 0.5, y: 0, width: 5, height: 5 },
      { x: 0, y: 470, width: 5, height: 11 },
    ]) {
      expect(regionEditIssues({ regions: [{ ...box, reason: 'plate' }], removedFaces: [] }, facts).map((i) => i.code)).toEqual(['region_outside_image']);
    }
  });

  it('refuses an unknown reason, `other` without a note, a note too long, too many regions', () => {
    expect(regionEditIssues({ regions: [{ ...plate, reason: 'face' }], removedFaces: [] }, facts)[0]).toMatchObject({
      path: 'regions.0.reason',
      code: 'unknown_reason',
    });
    expect(regionEditIssues({ regions: [{ ...plate, reason: 'other', note: '  ' }], removedFaces: [] }, facts)[0]?.code).toBe('note_required');
    expect(regionEditIssues({ regions: [{ ...plate, note: 'x'.repeat(MAX_REGION_NOTE + 1) }], removedFaces: [] }, facts)[0]?.code).toBe('note_too_long');
    expect(regionEditIssues({ regions: Array.from({ length: MAX_MEDIA_REGIONS + 1 }, () => plate), removedFaces: [] }, facts).map((i) => i.code)).toEqual([
      'too_many_regions',
    ]);
    expect(regionEditIssues({ regions: Array.from({ length: MAX_MEDIA_REGIONS }, () => plate), removedFaces: [] }, facts)).toEqual([]);
  });

  it('refuses taking away a face without a reason, one that was not found, or one twice', () => {
    expect(regionEditIssues({ regions: [], removedFaces: [{ face: 0, reason: '' }] }, facts)[0]?.code).toBe('unknown_reason');
    expect(regionEditIssues({ regions: [], removedFaces: [{ face: 2, reason: 'not_a_face' }] }, facts)[0]?.code).toBe('unknown_face');
    expect(
      regionEditIssues(
        {
          regions: [],
          removedFaces: [
            { face: 0, reason: 'not_a_face' },
            { face: 0, reason: 'not_a_face' },
          ],
        },
        facts,
      )[0]?.code,
    ).toBe('duplicate_face');
    expect(regionEditIssues({ regions: [], removedFaces: [{ face: 0, reason: 'plate' }] }, facts)[0]?.code).toBe('unknown_reason');
  });
});

describe('protectionAfterEdit', () => {
  it('decides on the faces left: taking away the only confident face falls back to blurred', () => {
    const detection = { faces: [{ score: 0.9 }, { score: 0.3 }] };
    expect(protectionAfterEdit(detection, [], 0.5)).toBe('redacted');
    expect(protectionAfterEdit(detection, [1], 0.5)).toBe('redacted');
    expect(protectionAfterEdit(detection, [0], 0.5)).toBe('blurred');
  });
});
