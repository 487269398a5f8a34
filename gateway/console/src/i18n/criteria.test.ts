import { SAFE_VILLAGE_CRITERIA } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { km } from './km.js';

describe('the safe-village criteria the statistics legend names', () => {
  const codes = Object.keys(SAFE_VILLAGE_CRITERIA) as Array<`${keyof typeof SAFE_VILLAGE_CRITERIA}`>;

  it('are the schema’s five, worded as the schema words them in English', () => {
    expect(codes).toEqual(['1', '2', '3', '4', '5']);
    for (const code of codes) expect(en[`criterion${code}`]).toBe(SAFE_VILLAGE_CRITERIA[code]);
  });

  it('each have a Khmer name, long and short', () => {
    for (const code of codes) {
      expect(km[`criterion${code}`]).toMatch(/[\u1780-\u17FF]/);
      expect(km[`criterionShort${code}`]).toMatch(/[\u1780-\u17FF]/);
    }
  });
});
