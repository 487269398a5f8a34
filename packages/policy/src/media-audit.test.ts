import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRedactionAudit, type AuditedMedia, type AuditRequest } from './media-audit.js';

const media = fc.record({
  protectedRendition: fc.constantFrom('redacted' as const, 'blurred' as const, null),
  hasRedacted: fc.boolean(),
  hasBlurred: fc.boolean(),
}) satisfies fc.Arbitrary<AuditedMedia>;
const request = fc.constantFrom<AuditRequest>('protected', 'redacted', 'blurred', 'original');

describe('decideRedactionAudit', () => {
  it('never shows the original', () => {
    fc.assert(
      fc.property(media, (m) => {
        expect(decideRedactionAudit('original', m)).toEqual({ ok: false, code: 'original_not_released' });
      }),
    );
  });

  it('shows only a protected rendition that is stored', () => {
    fc.assert(
      fc.property(request, media, (r, m) => {
        const d = decideRedactionAudit(r, m);
        if (!d.ok) return;
        expect(['redacted', 'blurred']).toContain(d.rendition);
        expect(d.rendition === 'redacted' ? m.hasRedacted : m.hasBlurred).toBe(true);
      }),
    );
  });

  it('shows what the photo goes out as, and the blurred frame for a photo never examined', () => {
    expect(decideRedactionAudit('protected', { protectedRendition: 'redacted', hasRedacted: true, hasBlurred: true })).toEqual({
      ok: true,
      rendition: 'redacted',
    });
    expect(decideRedactionAudit('protected', { protectedRendition: 'blurred', hasRedacted: false, hasBlurred: true })).toEqual({
      ok: true,
      rendition: 'blurred',
    });
    expect(decideRedactionAudit('protected', { protectedRendition: null, hasRedacted: false, hasBlurred: true })).toEqual({ ok: true, rendition: 'blurred' });
    expect(decideRedactionAudit('blurred', { protectedRendition: 'redacted', hasRedacted: true, hasBlurred: true })).toEqual({
      ok: true,
      rendition: 'blurred',
    });
    expect(decideRedactionAudit('redacted', { protectedRendition: 'blurred', hasRedacted: false, hasBlurred: true })).toEqual({
      ok: false,
      code: 'rendition_not_stored',
    });
  });
});
