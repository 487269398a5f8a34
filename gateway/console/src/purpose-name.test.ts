import { describe, expect, it } from 'vitest';
import { purposeTitleIn } from './purpose-name.js';

const both = { title: 'Case review by the Ministry of Justice', title_km: 'ការពិនិត្យសំណុំរឿង ដោយក្រសួងយុត្តិធម៌' };

describe('a purpose’s title in the chosen language', () => {
  it('is the Khmer title in Khmer and the English title in English', () => {
    expect(purposeTitleIn(both, 'km')).toBe(both.title_km);
    expect(purposeTitleIn(both, 'en')).toBe(both.title);
  });

  it('falls back to the other language when the purpose has only one title', () => {
    expect(purposeTitleIn({ title: both.title, title_km: null }, 'km')).toBe(both.title);
    expect(purposeTitleIn({ title: both.title, title_km: '  ' }, 'km')).toBe(both.title);
    expect(purposeTitleIn({ title: '', title_km: both.title_km }, 'en')).toBe(both.title_km);
  });
});
