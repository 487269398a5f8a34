import { encodeReason } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideRequestReason,
  defaultReasonRequired,
  MAX_REASON_CHARS,
  MAX_REFERENCE_CHARS,
  parseTraceparent,
  reasonRequiredFor,
  reasonWidenings,
} from './request-reason.js';

const REQUIRED = { reasonRequired: true };
const OPTIONAL = { reasonRequired: false };

describe('defaultReasonRequired', () => {
  it('is yes for a purpose that discloses anything of a record type about persons', () => {
    expect(defaultReasonRequired({ person: { phone: 'clear' } })).toBe(true);
    expect(defaultReasonRequired({ health_case: { result: 'predicate' } })).toBe(true);
    expect(defaultReasonRequired({ case: { criterion: 'generalised' } })).toBe(true);
  });
  it('is no for a purpose that discloses nothing', () => {
    expect(defaultReasonRequired({})).toBe(false);
    expect(defaultReasonRequired({ person: { phone: 'none' } })).toBe(false);
  });
});

describe('reasonRequiredFor', () => {
  it('asks every record request of a purpose that requires it, none of one that does not or says nothing', () => {
    for (const kind of ['fetch', 'search', 'check', 'media'] as const) {
      expect(reasonRequiredFor(REQUIRED, kind)).toBe(true);
      expect(reasonRequiredFor(OPTIONAL, kind)).toBe(false);
      expect(reasonRequiredFor({}, kind)).toBe(false);
    }
  });
});

describe('decideRequestReason', () => {
  it('accepts a reference and a percent-encoded Khmer reason, decoded', () => {
    const reason = 'ពិនិត្យការដោះលែងឱ្យនៅក្រៅឃុំ — bail review';
    expect(decideRequestReason(REQUIRED, 'fetch', { reference: 'PP-2026-0412', reason: encodeReason(reason) })).toEqual({
      ok: true,
      stated: { reference: 'PP-2026-0412', reason },
    });
  });

  it('refuses a request without a reference or a reason where the purpose requires them', () => {
    const none = decideRequestReason(REQUIRED, 'search', { reference: undefined, reason: undefined });
    expect(none).toMatchObject({ ok: false, code: 'reason_required' });
    expect(!none.ok && none.issues.map((i) => i.path)).toEqual(['reference', 'reason']);
    expect(decideRequestReason(REQUIRED, 'check', { reference: 'PP-1', reason: '  ' })).toMatchObject({
      ok: false,
      code: 'reason_required',
      reference: 'PP-1',
    });
    expect(decideRequestReason(REQUIRED, 'check', { reference: 'PP 1', reason: undefined })).toMatchObject({
      ok: false,
      code: 'reason_invalid',
      reference: null,
    });
  });

  it('lets a request without them through where none is required, and keeps what was sent', () => {
    expect(decideRequestReason(OPTIONAL, 'fetch', { reference: undefined, reason: undefined })).toEqual({
      ok: true,
      stated: { reference: null, reason: null },
    });
    expect(decideRequestReason(OPTIONAL, 'fetch', { reference: 'OB/2026/17', reason: undefined })).toEqual({
      ok: true,
      stated: { reference: 'OB/2026/17', reason: null },
    });
  });

  it('refuses a malformed reference or reason even where none is required', () => {
    const cases: Array<[string | undefined, string | undefined, string, string]> = [
      ['PP 2026', undefined, 'reference', 'bad_characters'],
      ['-PP', undefined, 'reference', 'bad_characters'],
      ['សុខ', undefined, 'reference', 'bad_characters'],
      ['P'.repeat(MAX_REFERENCE_CHARS + 1), undefined, 'reference', 'too_long'],
      [undefined, 'x'.repeat(MAX_REASON_CHARS + 1), 'reason', 'too_long'],
      [undefined, encodeReason('ក'.repeat(MAX_REASON_CHARS + 1)), 'reason', 'too_long'],
      [undefined, 'a%0Ab', 'reason', 'bad_characters'],
      [undefined, 'a%00b', 'reason', 'bad_characters'],
      [undefined, 'a%C2%85b', 'reason', 'bad_characters'],
      [undefined, encodeReason('a\u202eb'), 'reason', 'bad_characters'],
      [undefined, 'a%2', 'reason', 'bad_encoding'],
      [undefined, 'a%ZZ', 'reason', 'bad_encoding'],
      [undefined, '%C3%28', 'reason', 'bad_encoding'],
      [undefined, '%ED%A0%80', 'reason', 'bad_encoding'],
      [undefined, 'a\tb', 'reason', 'bad_encoding'],
      [undefined, 'ក', 'reason', 'bad_encoding'],
    ];
    for (const [reference, reason, path, code] of cases) {
      const d = decideRequestReason(OPTIONAL, 'fetch', { reference, reason });
      expect(d, `${reference} ${reason}`).toMatchObject({ ok: false, code: 'reason_invalid' });
      expect(!d.ok && d.issues[0]).toMatchObject({ path, code });
    }
  });

  it('accepts a reason of exactly the longest length, in either script, and keeps Khmer zero-width spaces', () => {
    expect(decideRequestReason(REQUIRED, 'fetch', { reference: 'A', reason: 'x'.repeat(MAX_REASON_CHARS) }).ok).toBe(true);
    const khmer = `${'ក'.repeat(MAX_REASON_CHARS - 1)}\u200b`;
    expect(decideRequestReason(REQUIRED, 'fetch', { reference: 'A', reason: encodeReason(khmer) })).toMatchObject({ ok: true });
  });

  it('decodes whatever encodeReason sends back to the same text (NFC, trimmed)', () => {
    const text = fc.stringMatching(/^[\u1780-\u17ff a-zA-Z0-9.,:;!?()-]{1,200}$/).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(text, (reason) => {
        const d = decideRequestReason(REQUIRED, 'media', { reference: 'PP-1', reason: encodeReason(reason) });
        expect(d).toEqual({ ok: true, stated: { reference: 'PP-1', reason: reason.normalize('NFC').trim() } });
      }),
    );
  });
});

describe('reasonWidenings', () => {
  it('calls turning the requirement off a widening, and turning it on none', () => {
    expect(reasonWidenings(REQUIRED, OPTIONAL)).toEqual(['reason_required: true → false']);
    expect(reasonWidenings(REQUIRED, {})).toHaveLength(1);
    expect(reasonWidenings(OPTIONAL, REQUIRED)).toEqual([]);
    expect(reasonWidenings(REQUIRED, REQUIRED)).toEqual([]);
  });
});

describe('parseTraceparent (W3C Trace Context §3.2)', () => {
  const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  it('keeps a valid version-00 header (the specification example)', () => {
    expect(parseTraceparent(VALID)).toBe(VALID);
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')).not.toBeNull();
  });
  it('ignores an invalid one: upper case, all-zero ids, version ff, wrong length, two headers joined', () => {
    for (const bad of [
      undefined,
      '',
      VALID.toUpperCase(),
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      `${VALID}-extra`,
      VALID.slice(0, -1),
      `${VALID}, ${VALID}`,
      '00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01',
      'cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x',
    ])
      expect(parseTraceparent(bad), String(bad)).toBeNull();
  });
  it('keeps the shared part of a later version, which may carry more after a dash', () => {
    expect(parseTraceparent('cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds')).toBe(
      'cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );
    expect(parseTraceparent('cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).not.toBeNull();
  });
});
