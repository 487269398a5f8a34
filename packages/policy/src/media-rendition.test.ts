import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestedRef, renditionForMode, renditionToRelease, type MediaMode } from './media-rendition.js';

const ORDER = { none: 0, blurred: 1, redacted: 2, original: 3 } as const;

describe('renditionForMode', () => {
  it('releases the original only for unflagged photos or approved originals, and falls back to blurred', () => {
    expect(renditionForMode('clear', { flagged: false, originalsApproved: false, protectedRendition: null })).toBe('original');
    expect(renditionForMode('clear', { flagged: true, originalsApproved: true, protectedRendition: 'redacted' })).toBe('original');
    expect(renditionForMode('clear', { flagged: true, originalsApproved: false, protectedRendition: 'redacted' })).toBe('redacted');
    expect(renditionForMode('clear', { flagged: true, originalsApproved: false, protectedRendition: 'blurred' })).toBe('blurred');
    expect(renditionForMode('clear', { flagged: true, originalsApproved: false, protectedRendition: null })).toBe('blurred');
    expect(renditionForMode('redacted', { flagged: false, originalsApproved: true, protectedRendition: null })).toBe('blurred');
    expect(renditionForMode('blurred', { flagged: false, originalsApproved: true, protectedRendition: 'redacted' })).toBe('blurred');
    expect(renditionForMode('none', { flagged: false, originalsApproved: true, protectedRendition: 'redacted' })).toBeNull();
  });

  it('never releases more than the mode names, whatever the facts', () => {
    const modes: MediaMode[] = ['none', 'blurred', 'redacted', 'clear'];
    fc.assert(
      fc.property(
        fc.constantFrom(...modes),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('redacted' as const, 'blurred' as const, null),
        (mode, flagged, originalsApproved, protectedRendition) => {
          const out = renditionForMode(mode, { flagged, originalsApproved, protectedRendition });
          const cap = mode === 'clear' ? ORDER.original : ORDER[mode];
          expect(ORDER[out ?? 'none']).toBeLessThanOrEqual(cap);
          // A flagged photo leaves whole only under approved originals; a redacted one only where one is stored.
          if (flagged && !originalsApproved) expect(out).not.toBe('original');
          if (out === 'redacted') expect(protectedRendition).toBe('redacted');
        },
      ),
    );
  });

  it('reads the ceiling a reference asks for from its suffix', () => {
    expect(parseRequestedRef('ev/1.jpg')).toEqual({ ref: 'ev/1.jpg', asked: 'clear' });
    expect(parseRequestedRef('ev/1.jpg#redacted')).toEqual({ ref: 'ev/1.jpg', asked: 'redacted' });
    expect(parseRequestedRef('ev/1.jpg#blurred')).toEqual({ ref: 'ev/1.jpg', asked: 'blurred' });
  });

  it('releases the lesser of the purpose mode and the asked one: asking never widens', () => {
    const flagged = { flagged: true, originalsApproved: false, protectedRendition: 'redacted' as const };
    expect(renditionToRelease('redacted', 'clear', { ...flagged, originalsApproved: true })).toBe('redacted');
    expect(renditionToRelease('clear', 'redacted', { ...flagged, originalsApproved: true })).toBe('redacted');
    expect(renditionToRelease('clear', 'blurred', flagged)).toBe('blurred');
    expect(renditionToRelease('none', 'clear', flagged)).toBeNull();
    const modes: MediaMode[] = ['none', 'blurred', 'redacted', 'clear'];
    const asked = ['blurred', 'redacted', 'clear'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...modes),
        fc.constantFrom(...asked),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('redacted' as const, 'blurred' as const, null),
        (mode, ask, flagged, originalsApproved, protectedRendition) => {
          const facts = { flagged, originalsApproved, protectedRendition };
          const out = ORDER[renditionToRelease(mode, ask, facts) ?? 'none'];
          expect(out).toBeLessThanOrEqual(ORDER[renditionForMode(mode, facts) ?? 'none']);
          expect(out).toBeLessThanOrEqual(ORDER[renditionForMode(ask, facts) ?? 'none']);
        },
      ),
    );
  });
});
