import { describe, expect, it } from 'vitest';
import { lineOffset, shortViewId, tileSize, watermarkLines } from './watermark.js';

const INFO = {
  officerName: 'Chenda Keo',
  officerId: 'moh-officer-0042',
  agency: 'Ministry of Health — Contact Tracing',
  purpose: 'covid-contact-tracing',
  grant: 'grt_7f3k',
  viewId: 'Xy3_q9LmB2a',
};

describe('watermark', () => {
  it('names officer and id, agency, purpose and grant, time in Phnom Penh, and the view', () => {
    const lines = watermarkLines(INFO, Date.parse('2026-11-23T01:30:00Z'), 'en');
    expect(lines[0]).toBe('Chenda Keo · moh-officer-0042');
    expect(lines[1]).toBe('Ministry of Health — Contact Tracing');
    expect(lines[2]).toBe('covid-contact-tracing · grant grt_7f3k');
    // The day as the rest of the viewer writes it (not the browser's "23/11/2026").
    expect(lines[3]).toBe('23 November 2026, 08:30 (Phnom Penh time) · view Xy3_q9');
  });

  it('in Khmer: Khmer words, Khmer month name and digits in the date, the ids unchanged', () => {
    const lines = watermarkLines({ ...INFO, agency: 'ក្រសួងសុខាភិបាល', purpose: 'ការតាមដានអ្នកប៉ះពាល់' }, Date.parse('2026-11-23T01:30:00Z'), 'km');
    expect(lines[0]).toBe('Chenda Keo · moh-officer-0042');
    expect(lines[1]).toBe('ក្រសួងសុខាភិបាល');
    expect(lines[2]).toBe('ការតាមដានអ្នកប៉ះពាល់ · ការអនុញ្ញាត grt_7f3k');
    expect(lines[3]).toBe('២៣ វិច្ឆិកា ២០២៦ ០៨:៣០ (ម៉ោងភ្នំពេញ) · ការមើល Xy3_q9');
    // No English word is left; the only Latin letters and digits are the ids', as the gateway wrote them.
    const ids = [INFO.officerId, INFO.grant, shortViewId(INFO.viewId), INFO.officerName];
    for (const line of lines) expect(ids.reduce((rest, id) => rest.replace(id, ''), line)).not.toMatch(/[A-Za-z0-9]/);
  });

  it('keeps the short view id as the trace-mark lookup reads it, in either language', () => {
    const viewId = 'A0b1C2d3E4f';
    for (const lang of ['en', 'km'] as const) {
      const last = watermarkLines({ ...INFO, viewId }, 0, lang)[3] ?? '';
      expect(last.endsWith(` ${shortViewId(viewId)}`)).toBe(true);
      expect(viewId.startsWith(shortViewId(viewId))).toBe(true);
    }
  });

  it('short view ids are a prefix of the full id', () => {
    expect(INFO.viewId.startsWith(shortViewId(INFO.viewId))).toBe(true);
  });

  it('tiles grow with the text so rotated lines never overlap the next tile', () => {
    const measure = (t: string) => t.length * 8;
    const small = tileSize(['a'], measure);
    const big = tileSize(watermarkLines(INFO, 0, 'en'), measure);
    expect(big.width).toBeGreaterThan(small.width);
    expect(big.height).toBeGreaterThan(small.height);
    expect(big.width).toBeGreaterThan(Math.max(...watermarkLines(INFO, 0, 'en').map(measure)) * 0.9);
  });

  it('centres the lines on the tile', () => {
    expect(lineOffset(0, 3) + lineOffset(2, 3)).toBe(0);
    expect(lineOffset(1, 3)).toBe(0);
  });
});
