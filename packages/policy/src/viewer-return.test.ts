import { describe, expect, it } from 'vitest';
import { SAME_VIEW_RETURN_SECONDS } from './constants.js';
import { viewReturn, type HiddenView } from './viewer-return.js';

const view: HiddenView = { officerId: 'off-1', grantId: 'grt-1', disclosureId: 'dsc-1', hiddenSince: 1000 };
const claim = { officerId: 'off-1', grantId: 'grt-1', disclosureId: 'dsc-1' };

describe('is a return to the viewer the same view?', () => {
  it('is, within the stated time of the hide, with the hidden interval', () => {
    expect(viewReturn(view, claim, 1000)).toEqual({ same: true, hiddenFrom: 1000, hiddenTo: 1000 });
    expect(viewReturn(view, claim, 1000 + SAME_VIEW_RETURN_SECONDS)).toEqual({ same: true, hiddenFrom: 1000, hiddenTo: 1000 + SAME_VIEW_RETURN_SECONDS });
  });

  it('is not after the stated time, or before the hide', () => {
    expect(viewReturn(view, claim, 1001 + SAME_VIEW_RETURN_SECONDS)).toEqual({ same: false, reason: 'too_late' });
    expect(viewReturn(view, claim, 999)).toEqual({ same: false, reason: 'too_late' });
  });

  it('is not without a hide the gateway heard of', () => {
    expect(viewReturn({ ...view, hiddenSince: null }, claim, 1001)).toEqual({ same: false, reason: 'not_hidden' });
  });

  it('is not for another record, another officer or another grant', () => {
    expect(viewReturn(view, { ...claim, disclosureId: 'dsc-2' }, 1001)).toEqual({ same: false, reason: 'other_record' });
    expect(viewReturn(view, { ...claim, officerId: 'off-2' }, 1001)).toEqual({ same: false, reason: 'not_own' });
    expect(viewReturn(view, { ...claim, grantId: 'grt-2' }, 1001)).toEqual({ same: false, reason: 'not_own' });
  });
});
