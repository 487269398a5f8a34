import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from './id-pattern.js';

// Browsers match `pattern` as `^(?:pattern)$` with the `v` flag (HTML, "the pattern attribute").
const compiled = () => new RegExp(`^(?:${ID_PATTERN})$`, 'v');

describe('the identifier pattern of the console’s forms', () => {
  it('compiles with the v flag browsers use (a bare trailing hyphen in a class does not)', () => {
    expect(compiled).not.toThrow();
    // biome-ignore lint/complexity/useRegexLiterals: the pattern must be compiled from a string, as a browser does.
    expect(() => new RegExp('^(?:[a-z0-9][a-z0-9-]{1,62})$', 'v')).toThrow();
  });

  it('accepts what the admin API’s identifier grammar accepts, and nothing else', () => {
    for (const ok of ['moh-tracing', 'outbreak-tracing-2026', 'po-sophea', 'a1']) expect(compiled().test(ok)).toBe(true);
    for (const bad of ['-moh', 'MOH', 'moh_tracing', 'a', 'x'.repeat(64), 'moh tracing']) expect(compiled().test(bad)).toBe(false);
  });
});
