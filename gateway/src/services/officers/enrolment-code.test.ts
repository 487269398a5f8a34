import { describe, expect, it } from 'vitest';
import { ENROLMENT_CODE_BITS, enrolmentCodeHash, newEnrolmentCode, normaliseEnrolmentCode } from './enrolment-code.js';

describe('enrolment codes', () => {
  it('are four groups of six Crockford base32 characters carrying 120 bits', () => {
    const code = newEnrolmentCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}(-[0-9A-HJKMNP-TV-Z]{6}){3}$/);
    expect(ENROLMENT_CODE_BITS).toBe(120);
  });

  it('differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newEnrolmentCode()));
    expect(codes.size).toBe(200);
  });

  it('are read back whatever the case, spacing and look-alike letters', () => {
    const code = newEnrolmentCode();
    const canonical = code.replace(/-/g, '');
    expect(normaliseEnrolmentCode(code)).toBe(canonical);
    expect(normaliseEnrolmentCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(canonical);
    expect(normaliseEnrolmentCode('0000000000000000000000O0'.replace('O', 'o'))).toBe('000000000000000000000000');
    expect(normaliseEnrolmentCode('1111111111111111111111IL')).toBe('111111111111111111111111');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseEnrolmentCode('')).toBeNull();
    expect(normaliseEnrolmentCode('ABC')).toBeNull();
    expect(normaliseEnrolmentCode('U'.repeat(24))).toBeNull();
    expect(normaliseEnrolmentCode(`${'A'.repeat(24)}A`)).toBeNull();
  });

  it('are stored as a domain-separated hash, never as typed', async () => {
    const h = await enrolmentCodeHash('A'.repeat(24));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toBe(await enrolmentCodeHash('B'.repeat(24)));
  });
});
