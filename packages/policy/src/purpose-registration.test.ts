import { describe, expect, it } from 'vitest';
import { purposeIssues } from './purpose-registration.js';

const asked = { rules: { person: { name_latin: 'clear' as const } }, agencies: ['moh'], requestsPerMinute: 60, personsPerHour: 100 };
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('a purpose as proposed', () => {
  it('is valid with known fields and agencies, and officer limits within the grant’s', () => {
    expect(purposeIssues(asked, new Set(['moh']))).toEqual([]);
    expect(purposeIssues({ ...asked, officerRequestsPerMinute: 60, officerPersonsPerHour: 100 }, new Set(['moh']))).toEqual([]);
  });

  it('names its rule issues first, then unknown agencies, then officer limits above the grant’s', () => {
    const issues = purposeIssues(
      { ...asked, rules: { no_such_type: {} }, agencies: ['moh', 'nowhere'], officerRequestsPerMinute: 61, officerPersonsPerHour: 101 },
      new Set(['moh']),
    );
    expect(codes(issues)).toEqual(['unknown_record_type', 'unknown_agency', 'above_grant_limit', 'above_grant_limit']);
    expect(issues[1]?.path).toBe('agencies.1');
  });
});
