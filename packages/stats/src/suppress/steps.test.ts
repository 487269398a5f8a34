import { describe, expect, it } from 'vitest';
import { StatsError } from '../errors.js';
import { checkCertificates } from './certificate.js';
import { randomTable } from './fixtures.js';
import { suppressAtStep, thresholdStep } from './steps.js';

describe('threshold steps', () => {
  it('raise a threshold to the next step, never lower it', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 12, 15, 16, 1000].map(thresholdStep)).toEqual([1, 3, 3, 5, 5, 10, 10, 15, 15, 20, 1000]);
    expect(() => thresholdStep(1001)).toThrow(StatsError);
    expect(() => thresholdStep(0)).toThrow(StatsError);
  });

  it('build each step on the one below, every certificate still checking', () => {
    const table = randomTable(3, { provinces: 2, districts: 2, communes: 3, criteria: 3, level: 'commune', grain: 'quarter', records: 150 });
    const at5 = suppressAtStep(table, 5);
    const at12 = suppressAtStep(table, 12);
    expect(at12.threshold).toBe(15);
    for (let c = 0; c < table.size; c++) if (at5.suppressed[c] === 1) expect(at12.suppressed[c]).toBe(1);
    expect(checkCertificates(table, at12.suppressed, at12.primary, at12.certificates)).toEqual([]);
    // Deterministic over the data: the same table gives the same pattern.
    expect(suppressAtStep(table, 12).suppressed).toEqual(at12.suppressed);
  });
});
