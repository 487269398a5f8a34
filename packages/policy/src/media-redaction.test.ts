import { describe, expect, it } from 'vitest';
import { protectedRendition } from './media-redaction.js';

describe('protectedRendition', () => {
  it('redacts only when a face scores the floor or more, and blurs the whole frame otherwise', () => {
    expect(protectedRendition({ faces: [{ score: 0.81 }, { score: 0.3 }] }, 0.5)).toBe('redacted');
    expect(protectedRendition({ faces: [{ score: 0.5 }] }, 0.5)).toBe('redacted');
    expect(protectedRendition({ faces: [{ score: 0.49 }, { score: 0.3 }] }, 0.5)).toBe('blurred');
    expect(protectedRendition({ faces: [] }, 0.5)).toBe('blurred');
    expect(protectedRendition(null, 0.5)).toBe('blurred');
    expect(protectedRendition({ faces: [{ score: Number.NaN }] }, 0.5)).toBe('blurred');
  });
});
