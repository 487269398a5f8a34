import { describe, expect, it } from 'vitest';
import { lastReference, MAX_REASON, rememberReference, Stated } from './stated-reason.js';

describe('Stated', () => {
  it('takes a case number and a reason in either script', () => {
    expect(Stated.safeParse({ reference: 'PP-2026-0412', reason: 'bail review' }).success).toBe(true);
    expect(Stated.safeParse({ reference: 'OB/2026/17', reason: 'តាមដានអ្នកប៉ះពាល់' }).success).toBe(true);
    expect(Stated.safeParse({ reference: 'A', reason: 'ក'.repeat(MAX_REASON) }).success).toBe(true);
  });
  it('keeps obviously wrong input from being sent', () => {
    for (const bad of [
      { reference: '', reason: 'x' },
      { reference: 'PP 2026', reason: 'x' },
      { reference: 'សុខ', reason: 'x' },
      { reference: 'PP-1', reason: '   ' },
      { reference: 'PP-1', reason: 'a\nb' },
      { reference: 'PP-1', reason: 'a\u202eb' },
      { reference: 'PP-1', reason: 'ក'.repeat(MAX_REASON + 1) },
    ])
      expect(Stated.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('the last reference', () => {
  it('is offered again in the same session', () => {
    const kept = new Map<string, string>();
    const store = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) };
    expect(lastReference(store)).toBe('');
    rememberReference('PP-2026-0412', store);
    expect(lastReference(store)).toBe('PP-2026-0412');
  });
});
