import { describe, expect, it } from 'vitest';
import { measureNarrativeRedaction } from './narrative-redaction.js';

describe('the redacted mode on the demo narratives', () => {
  it('removes every identifier of the linked persons and keeps nearly all the other words', () => {
    const figures = measureNarrativeRedaction({ seed: 'narrative-test', persons: 3000, cases: 300 });
    expect(figures.narratives).toBeGreaterThan(250);
    // The generator writes names, nicknames, phones, ID numbers and birth dates; all are replaced.
    for (const kind of ['victim', 'suspect', 'witness', 'phone', 'id', 'date_of_birth', 'number'] as const)
      expect(figures.replaced[kind], kind).toBeGreaterThan(0);
    expect(figures.surviving).toEqual([]);
    expect(figures.keptTokens / figures.otherTokens).toBeGreaterThan(0.98);
  }, 60_000);
});
