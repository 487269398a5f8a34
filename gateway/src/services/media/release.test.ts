/** Whether a record flags a media reference follows minimisation exactly: flagged where a disclosed record says `#redacted`. */
import { recordType, type RecordTypeDef } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { adult, child, crime, ctx } from '../../../../test/support/disclosure/fixtures.js';
import { fieldHoldingRef, mediaFields, refFlagged } from './release.js';

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

describe('refFlagged', () => {
  it('flags evidence shown with a minor, a restrained person, a victim or a witness, whatever the context releases', () => {
    expect(refFlagged(crimeCase, 'evidence', crime, 'ev/2.jpg', ctx)).toBe(false);
    for (const flagged of ['ev/1.jpg', 'ev/3.mp4', 'ev/4.pdf', 'ev/5.jpg']) {
      expect(refFlagged(crimeCase, 'evidence', crime, flagged, ctx)).toBe(true);
      // Released originals do not unflag: the grant's approval is a separate fact of the rule.
      expect(refFlagged(crimeCase, 'evidence', crime, flagged, unblurred)).toBe(true);
    }
  });

  it("flags a minor's photo and a photo whose subject's age is unknown, not a known adult's", () => {
    expect(refFlagged(person, 'photo_ref', adult, adult.photo_ref, ctx)).toBe(false);
    expect(refFlagged(person, 'photo_ref', child, child.photo_ref, ctx)).toBe(true);
    const { date_of_birth: _dob, ...ageUnknown } = adult;
    expect(refFlagged(person, 'photo_ref', ageUnknown, adult.photo_ref, ctx)).toBe(true);
  });

  it('knows nothing of a reference the field does not carry, a suffixed one, or a field that holds no media', () => {
    expect(refFlagged(crimeCase, 'evidence', crime, 'ev/9.jpg', ctx)).toBeNull();
    expect(refFlagged(crimeCase, 'evidence', crime, 'ev/1.jpg#blurred', ctx)).toBeNull();
    expect(refFlagged(crimeCase, 'evidence', crime, 'ev/1.jpg#redacted', ctx)).toBeNull();
    expect(refFlagged(person, 'photo_ref', adult, child.photo_ref, ctx)).toBeNull();
    expect(refFlagged(person, 'name_latin', adult, adult.name_latin, ctx)).toBeNull();
    expect(refFlagged(person, 'no_such_field', adult, adult.photo_ref, ctx)).toBeNull();
  });
});
