/** The rendition decision follows minimisation exactly: blurred where a disclosed record says `#blurred`. */
import { recordType, type RecordTypeDef } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { adult, child, crime, ctx } from '../../../../packages/policy/src/disclosure/fixtures.js';
import { fieldHoldingRef, mediaFields, parseRequestedRef, releasableRendition, renditionToRelease } from './release.js';

const unblurred = { ...ctx, mediaUnblurred: true };
const person = recordType('person') as RecordTypeDef;
const crimeCase = recordType('case') as RecordTypeDef;

describe('mediaFields and fieldHoldingRef', () => {
  it('find the fields that carry media references', () => {
    expect(mediaFields(person)).toEqual(['photo_ref']);
    expect(mediaFields(crimeCase)).toEqual(['evidence']);
    expect(fieldHoldingRef(crimeCase, crime, 'ev/5.jpg')).toBe('evidence');
    expect(fieldHoldingRef(person, adult, 'id/P-000001.jpg')).toBe('photo_ref');
    expect(fieldHoldingRef(person, adult, 'ev/5.jpg')).toBeNull();
    expect(fieldHoldingRef(crimeCase, { ...crime, evidence: undefined }, 'ev/5.jpg')).toBeNull();
  });
});

describe('releasableRendition', () => {
  it('releases unflagged evidence as is and flagged evidence blurred', () => {
    expect(releasableRendition(crimeCase, 'evidence', crime, 'ev/2.jpg', ctx)).toBe('original');
    for (const flagged of ['ev/1.jpg', 'ev/3.mp4', 'ev/4.pdf', 'ev/5.jpg']) expect(releasableRendition(crimeCase, 'evidence', crime, flagged, ctx)).toBe('blurred');
  });

  it('releases flagged evidence unblurred only when the context allows unblurred media', () => {
    for (const ref of ['ev/1.jpg', 'ev/2.jpg', 'ev/5.jpg']) expect(releasableRendition(crimeCase, 'evidence', crime, ref, unblurred)).toBe('original');
  });

  it("blurs a minor's photo and a photo whose subject's age is unknown, not a known adult's", () => {
    expect(releasableRendition(person, 'photo_ref', adult, adult.photo_ref, ctx)).toBe('original');
    expect(releasableRendition(person, 'photo_ref', child, child.photo_ref, ctx)).toBe('blurred');
    const { date_of_birth: _dob, ...ageUnknown } = adult;
    expect(releasableRendition(person, 'photo_ref', ageUnknown, adult.photo_ref, ctx)).toBe('blurred');
    expect(releasableRendition(person, 'photo_ref', child, child.photo_ref, unblurred)).toBe('original');
  });

  it('releases nothing for a reference the field does not carry, or a field that holds no media', () => {
    expect(releasableRendition(crimeCase, 'evidence', crime, 'ev/9.jpg', ctx)).toBeNull();
    expect(releasableRendition(crimeCase, 'evidence', crime, 'ev/1.jpg#blurred', ctx)).toBeNull();
    expect(releasableRendition(person, 'photo_ref', adult, child.photo_ref, ctx)).toBeNull();
    expect(releasableRendition(person, 'name_latin', adult, adult.name_latin, ctx)).toBeNull();
    expect(releasableRendition(person, 'no_such_field', adult, adult.photo_ref, ctx)).toBeNull();
  });
});

describe('renditionToRelease', () => {
  it('never exceeds what is allowed, and gives the blurred one when asked', () => {
    expect(parseRequestedRef('ev/1.jpg#blurred')).toEqual({ ref: 'ev/1.jpg', blurredAsked: true });
    expect(parseRequestedRef('ev/1.jpg')).toEqual({ ref: 'ev/1.jpg', blurredAsked: false });
    expect(renditionToRelease('blurred', parseRequestedRef('ev/1.jpg'))).toBe('blurred');
    expect(renditionToRelease('original', parseRequestedRef('ev/1.jpg'))).toBe('original');
    expect(renditionToRelease('original', parseRequestedRef('ev/1.jpg#blurred'))).toBe('blurred');
    expect(renditionToRelease(null, parseRequestedRef('ev/1.jpg#blurred'))).toBeNull();
  });
});
