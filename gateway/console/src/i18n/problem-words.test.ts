import { describe, expect, it } from 'vitest';
import { issueSentence, problemSentence, supportCode } from './problem-words.js';

const KHMER = /[\u1780-\u17FF]/;
/** Every problem code the admin API answers the console with (gateway/src/platform/errors). */
const CODES = [
  'bad_request',
  'validation_failed',
  'body_too_large',
  'not_found',
  'conflict',
  'invalid_token',
  'insufficient_scope',
  'forbidden',
  'two_person_rule',
  'row_scope_beyond_purpose',
  'invalid_transition',
  'rate_limited',
  'reason_required',
  'reason_invalid',
  'privacy_budget_exhausted',
  'internal_error',
];

describe('refusals in plain words', () => {
  it('gives every problem code its own sentence in both languages, never the code itself', () => {
    const unknown = problemSentence('no_such_code', 'en');
    for (const code of CODES) {
      expect(problemSentence(code, 'en'), code).not.toBe(unknown);
      expect(problemSentence(code, 'en'), code).not.toContain(code);
      expect(problemSentence(code, 'km'), code).toMatch(KHMER);
      expect(problemSentence(code, 'km'), code).not.toContain(code);
    }
  });

  it('says what to do about an unknown code, and an inherited property is no code', () => {
    expect(problemSentence('toString', 'en')).toBe(problemSentence('no_such_code', 'en'));
    expect(problemSentence('no_such_code', 'km')).toMatch(KHMER);
  });

  it('names the field and what to do, never the pattern the gateway checked', () => {
    const en = issueSentence({ path: 'id', code: 'invalid_format' }, 'en');
    expect(en).toBe('Identifier: not written in the expected form. Follow the hint under the field.');
    const km = issueSentence({ path: '/records/0/name', code: 'too_big' }, 'km');
    expect(km).toMatch(/^ឈ្មោះ៖/);
    expect(issueSentence({ path: 'scope', code: 'custom' }, 'en')).toBe('scope: this value is not accepted. Check it and send again.');
  });

  it('keeps the code only as a reference for the administrator', () => {
    expect(supportCode('conflict', 'km')).toMatch(KHMER);
    expect(supportCode('conflict', 'en')).toBe('Code for the administrator: conflict');
  });
});
