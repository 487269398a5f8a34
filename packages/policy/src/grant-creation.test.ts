import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_SECONDS } from './constants.js';
import { grantCreationIssues, type GrantProposal } from './grant-creation.js';

const NOW = 1_800_000_000;
const proposal: GrantProposal = {
  agencyId: 'moh',
  notBefore: NOW,
  notAfter: NOW + 86_400,
  dataLifeSeconds: 3_600,
  unblurredMedia: false,
  sensitiveCases: false,
};
const purpose = { status: 'active' as const, agencies: ['moh'], allowUnblurredMedia: false, rules: { person: { name: 'clear' as const } } };
const codes = (p: Partial<GrantProposal>, pur: typeof purpose | null = purpose, agencyKnown = true) =>
  grantCreationIssues({ ...proposal, ...p }, pur, agencyKnown, NOW).map((i) => i.code);

describe('grantCreationIssues', () => {
  it('accepts a valid grant', () => {
    expect(codes({})).toEqual([]);
  });

  it('refuses an empty, past or over-long window, and data that outlives it', () => {
    expect(codes({ notAfter: NOW - 10, dataLifeSeconds: 0 })).toEqual(['window_empty', 'window_past', 'data_life_too_long']);
    expect(codes({ notAfter: NOW + MAX_WINDOW_SECONDS + 1 })).toEqual(['window_too_long']);
    expect(codes({ dataLifeSeconds: 86_401 })).toEqual(['data_life_too_long']);
  });

  it('refuses a retired or missing purpose, a purpose closed to the agency, and an unknown agency', () => {
    expect(codes({}, { ...purpose, status: 'retired' as 'active' })).toEqual(['unknown_purpose']);
    expect(codes({}, null)).toEqual(['unknown_purpose']);
    expect(codes({ agencyId: 'mof' }, purpose, false)).toEqual(['agency_not_in_purpose', 'unknown_agency']);
  });

  it('gives unblurred media and sensitive cases only where the purpose allows them', () => {
    expect(grantCreationIssues({ ...proposal, unblurredMedia: true, sensitiveCases: true }, purpose, true, NOW).map((i) => i.path)).toEqual([
      'unblurred_media',
      'sensitive_cases',
    ]);
    expect(
      codes(
        { unblurredMedia: true, sensitiveCases: true },
        { ...purpose, allowUnblurredMedia: true, rules: { ...purpose.rules, case: { sensitivity: 'clear' as const } } as typeof purpose.rules },
      ),
    ).toEqual([]);
  });
});
