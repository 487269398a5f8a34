import { describe, expect, it } from 'vitest';
import { protectedOriginalAccess } from './media-reveal.js';
import { CLIENT_KINDS } from './types.js';

describe('protectedOriginalAccess', () => {
  it('gives an officer the original of protected media only by a reveal', () => {
    expect(protectedOriginalAccess('officer', true)).toBe('by_reveal');
  });

  it('gives a partner’s system what the grant releases, in the answer', () => {
    expect(protectedOriginalAccess('partner', true)).toBe('in_answer');
  });

  it('gives nobody an original the grant does not release', () => {
    for (const kind of CLIENT_KINDS) expect(protectedOriginalAccess(kind, false)).toBe('never');
  });

  it('gives clients that do not read records nothing', () => {
    expect(protectedOriginalAccess('data_owner', true)).toBe('never');
    expect(protectedOriginalAccess('privacy_officer', true)).toBe('never');
  });
});
