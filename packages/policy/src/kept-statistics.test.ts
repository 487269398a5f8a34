import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayReplaceKept, mayServeKept, type TableProvenance } from './kept-statistics.js';

const provenance = fc.record({
  format: fc.integer({ min: 1, max: 3 }),
  dataVersion: fc.integer({ min: 0, max: 5 }),
  placesVersion: fc.integer({ min: 0, max: 5 }),
});

describe('kept statistics tables', () => {
  const kept: TableProvenance = { format: 1, dataVersion: 7, placesVersion: 2 };

  it('serve a release only from a table of exactly the data and code in force', () => {
    expect(mayServeKept(kept, kept)).toBe(true);
    expect(mayServeKept(kept, { ...kept, dataVersion: 8 })).toBe(false);
    expect(mayServeKept(kept, { ...kept, dataVersion: 6 })).toBe(false);
    expect(mayServeKept(kept, { ...kept, placesVersion: 3 })).toBe(false);
    expect(mayServeKept(kept, { ...kept, format: 2 })).toBe(false);
  });

  it('are replaced by newer data or other code, never by older data', () => {
    expect(mayReplaceKept(kept, { ...kept, dataVersion: 8 })).toBe(true);
    expect(mayReplaceKept(kept, { ...kept, placesVersion: 3 })).toBe(true);
    expect(mayReplaceKept(kept, kept)).toBe(true);
    expect(mayReplaceKept(kept, { ...kept, dataVersion: 6 })).toBe(false);
    expect(mayReplaceKept(kept, { ...kept, dataVersion: 9, placesVersion: 1 })).toBe(false);
    expect(mayReplaceKept(kept, { format: 2, dataVersion: 0, placesVersion: 0 })).toBe(true);
  });

  it('what may be served now is never replaced by anything older in either version', () => {
    fc.assert(
      fc.property(provenance, provenance, (now, incoming) => {
        if (mayServeKept(now, now) && mayReplaceKept(now, incoming) && incoming.format === now.format) {
          expect(incoming.dataVersion).toBeGreaterThanOrEqual(now.dataVersion);
          expect(incoming.placesVersion).toBeGreaterThanOrEqual(now.placesVersion);
        }
      }),
    );
  });
});
