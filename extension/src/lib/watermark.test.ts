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
    const lines = watermarkLines(INFO, Date.parse('2026-11-23T01:30:00Z'));
    expect(lines[0]).toBe('Chenda Keo · moh-officer-0042');
    expect(lines[1]).toBe('Ministry of Health — Contact Tracing');
    expect(lines[2]).toBe('covid-contact-tracing · grt_7f3k');
    expect(lines[3]).toContain('23/11/2026, 08:30');
    expect(lines[3]).toContain('view Xy3_q9');
  });

  it('short view ids are a prefix of the full id', () => {
    expect(INFO.viewId.startsWith(shortViewId(INFO.viewId))).toBe(true);
  });

  it('tiles grow with the text so rotated lines never overlap the next tile', () => {
    const measure = (t: string) => t.length * 8;
    const small = tileSize(['a'], measure);
    const big = tileSize(watermarkLines(INFO, 0), measure);
    expect(big.width).toBeGreaterThan(small.width);
    expect(big.height).toBeGreaterThan(small.height);
    expect(big.width).toBeGreaterThan(Math.max(...watermarkLines(INFO, 0).map(measure)) * 0.9);
  });

  it('centres the lines on the tile', () => {
    expect(lineOffset(0, 3) + lineOffset(2, 3)).toBe(0);
    expect(lineOffset(1, 3)).toBe(0);
  });
});
