import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('CSV export', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180 §2)', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('never lets a cell start a spreadsheet formula', () => {
    for (const cell of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx']) expect(csvField(cell).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('phone: clear')).toBe('phone: clear');
  });
});
