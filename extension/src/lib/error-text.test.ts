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

  it('has its own sentence, not the general one, for what a video play, a gateway not yet ready or a refused signature answer', () => {
    for (const lang of ['en', 'km'] as const) {
      const general = errorText(translator(lang), { code: 'something_new', message: '' });
      for (const code of ['play_expired', 'not_ready', 'invalid_dpop_proof'])
        expect(errorText(translator(lang), { code, message: '' }), `${lang} ${code}`).not.toBe(general);
    }
  });

  it('speaks Khmer in Khmer', () => {
    expect(errorText(translator('km'), { code: 'rate_limited', message: '' })).toMatch(/[\u1780-\u17FF]/);
  });
});
