import { describe, expect, it } from 'vitest';
import { errorText } from './error-text.js';
import { translator } from './i18n/lang.js';

describe('refusals in words', () => {
  const t = translator('en');
  it('never shows a code', () => {
    for (const code of ['insufficient_scope', 'conflict', 'search_not_permitted', 'rate_limited', 'something_new', 'internal_error']) {
      const text = errorText(t, { code, message: '' });
      expect(text).not.toContain(code);
      expect(text).not.toMatch(/\([a-z_]+\)/);
    }
  });

  it('says what a miss means for a fetch and for a search', () => {
    expect(errorText(t, { code: 'not_found', message: '' }, 'fetch')).toBe('No record with this id is open to this grant.');
    expect(errorText(t, { code: 'not_found', message: '' }, 'search')).toBe('No record matches under this grant.');
  });

  it('speaks Khmer in Khmer', () => {
    expect(errorText(translator('km'), { code: 'rate_limited', message: '' })).toMatch(/[\u1780-\u17FF]/);
  });
});
