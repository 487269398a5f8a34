import { describe, expect, it } from 'vitest';
import { purposeWidenings, type PurposeTerms } from './purpose-widening.js';

const base: PurposeTerms = {
  rules: { person: { name_latin: 'clear', phone: 'masked', date_of_birth: 'generalised', red_notice: 'predicate' } },
  actions: ['fetch'],
  agencies: ['moh'],
  maxTokenLifetime: 300,
  requestsPerMinute: 60,
  personsPerHour: 200,
  notificationDelayDays: 0,
  status: 'active',
};

describe('purposeWidenings', () => {
  it('finds nothing in an identical or narrowed purpose', () => {
    expect(purposeWidenings(base, base)).toEqual([]);
    expect(
      purposeWidenings(base, {
        ...base,
        rules: { person: { name_latin: 'masked', phone: 'none' } },
        personsPerHour: 10,
        status: 'retired',
        notificationDelayDays: 30,
      }),
    ).toEqual([]);
  });

  it('finds every way of letting more out', () => {
    const wider: PurposeTerms = {
      rules: { person: { name_latin: 'clear', phone: 'clear', date_of_birth: 'masked', red_notice: 'predicate', national_id: 'predicate' } },
      actions: ['fetch', 'search'],
      agencies: ['moh', 'police'],
      maxTokenLifetime: 600,
      requestsPerMinute: 61,
      personsPerHour: 201,
      notificationDelayDays: 0,
      status: 'active',
    };
    expect(purposeWidenings(base, wider)).toEqual([
      'rules.person.phone: masked → clear',
      'rules.person.date_of_birth: generalised → masked',
      'rules.person.national_id: none → predicate',
      'agencies: + police',
      'actions: + search',
      'max_token_lifetime raised',
      'requests_per_minute raised',
      'persons_per_hour raised',
    ]);
    expect(purposeWidenings({ ...base, status: 'retired' }, base)).toEqual(['status: retired → active']);
    expect(purposeWidenings({ ...base, notificationDelayDays: 30 }, base)).toEqual(['notification_delay_days lowered']);
    expect(purposeWidenings({ ...base, allowUnblurredMedia: false }, { ...base, allowUnblurredMedia: true })).toEqual(['allow_unblurred_media: false → true']);
    expect(purposeWidenings({ ...base, allowUnblurredMedia: true }, { ...base, allowUnblurredMedia: false })).toEqual([]);
  });

  it('treats a higher per-officer limit as a widening, a lower one as narrowing', () => {
    const officers = { ...base, officerRequestsPerMinute: 30, officerPersonsPerHour: 100 };
    expect(purposeWidenings(officers, { ...officers, officerRequestsPerMinute: 31, officerPersonsPerHour: 101 })).toEqual([
      'officer_requests_per_minute raised',
      'officer_persons_per_hour raised',
    ]);
    expect(purposeWidenings(officers, { ...officers, officerRequestsPerMinute: 5, officerPersonsPerHour: 10 })).toEqual([]);
    // A purpose stored before per-officer limits let each client use the grant's whole budget.
    expect(purposeWidenings(base, { ...base, officerRequestsPerMinute: 60, officerPersonsPerHour: 200 })).toEqual([]);
  });
});

describe('purposeWidenings: a stated reason', () => {
  const base = {
    rules: {},
    actions: [],
    agencies: [],
    maxTokenLifetime: 300,
    requestsPerMinute: 1,
    personsPerHour: 1,
    notificationDelayDays: 0,
    status: 'active' as const,
  };
  it('no longer requiring a reference and reason widens; requiring them narrows', () => {
    expect(purposeWidenings({ ...base, reasonRequired: true }, { ...base, reasonRequired: false })).toEqual(['reason_required: true → false']);
    expect(purposeWidenings({ ...base, reasonRequired: false }, { ...base, reasonRequired: true })).toEqual([]);
  });
});
