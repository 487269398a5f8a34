import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRedactionAudit, type AuditedMedia, type AuditRequest } from './media-audit.js';

const media = fc.record({
  protectedRendition: fc.constantFrom('redacted' as const, 'blurred' as const, null),
  hasRedacted: fc.boolean(),
  hasBlurred: fc.boolean(),
  originalApproved: fc.boolean(),
}) satisfies fc.Arbitrary<AuditedMedia>;
const request = fc.constantFrom<AuditRequest>('protected', 'redacted', 'blurred', 'original');
const stored = { hasRedacted: true, hasBlurred: true, originalApproved: false };

describe('decideRedactionAudit', () => {
  it('never shows the original without a leadership approval in force', () => {
    fc.assert(
      fc.property(media, (m) => {
        expect(decideRedactionAudit('original', { ...m, originalApproved: false })).toEqual({ ok: false, code: 'leadership_approval_required' });
      }),
    );
  });

  it('shows the original only when asked for and approved, and always beside a protected rendition that is stored', () => {
    fc.assert(
      fc.property(request, media, (r, m) => {
        const d = decideRedactionAudit(r, m);
        if (!d.ok) return;
        expect(['redacted', 'blurred']).toContain(d.rendition);
        expect(d.rendition === 'redacted' ? m.hasRedacted : m.hasBlurred).toBe(true);
        expect(d.original).toBe(r === 'original' && m.originalApproved);
      }),
    );
  });

  it('shows what the photo goes out as when asked for the protection', () => {
    expect(decideRedactionAudit('protected', { protectedRendition: 'redacted', ...stored })).toEqual({ ok: true, rendition: 'redacted', original: false });
    expect(decideRedactionAudit('protected', { protectedRendition: 'blurred', ...stored, hasRedacted: false })).toEqual({
      ok: true,
      rendition: 'blurred',
      original: false,
    });
    expect(decideRedactionAudit('protected', { protectedRendition: null, ...stored, hasRedacted: false })).toEqual({
      ok: true,
      rendition: 'blurred',
      original: false,
    });
    expect(decideRedactionAudit('blurred', { protectedRendition: 'redacted', ...stored })).toEqual({ ok: true, rendition: 'blurred', original: false });
    expect(decideRedactionAudit('redacted', { protectedRendition: 'blurred', ...stored, hasRedacted: false })).toEqual({
      ok: false,
      code: 'rendition_not_stored',
    });
    expect(decideRedactionAudit('original', { protectedRendition: 'redacted', ...stored, originalApproved: true })).toEqual({
      ok: true,
      rendition: 'redacted',
      original: true,
    });
  });
});
