import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { km } from './km.js';
import { initialLang, translate } from './lang.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the viewer’s catalogues', () => {
  it('have the same keys in Khmer and English', () => {
    expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect({ key, vars: placeholders(km[key]) }).toEqual({ key, vars: placeholders(en[key]) });
  });

  it('have no empty text and no stable code left in words shown to officers', () => {
    for (const catalogue of [en, km]) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
        expect(text, key).not.toMatch(/\((insufficient_scope|conflict|not_found|[a-z]+_[a-z_]+)\)/);
      }
    }
  });

  it('has Khmer script in every Khmer sentence', () => {
    const words = (text: string) => text.replace(/\{\w+\}/g, '');
    for (const [key, text] of Object.entries(km)) {
      if (key.startsWith('hint.') || !/[a-z]{4,}/i.test(words(en[key as keyof typeof en]))) continue;
      expect(text, key).toMatch(/[\u1780-\u17FF]/);
    }
  });

  it('writes counts and limits in Khmer digits in Khmer; Latin digits only in examples of what to type', () => {
    // Phone numbers and references are typed with Latin digits, so their examples keep them.
    const examples = new Set(['badPhone', 'statedReferenceHelp']);
    for (const [key, text] of Object.entries(km)) {
      if (key.startsWith('hint.') || examples.has(key)) continue;
      expect(text.replace(/need2know/g, ''), key).not.toMatch(/[0-9]/);
    }
  });

  it('fills placeholders, numbers in Khmer digits in Khmer', () => {
    expect(translate('en', 'found', { n: 12 })).toBe('12 records found');
    expect(translate('km', 'found', { n: 12 })).toBe('រកឃើញកំណត់ត្រា ១២');
    expect(translate('en', 'weekOf', {})).toBe('week of {date}');
  });

  it('starts in the remembered language, else the browser’s', () => {
    expect(initialLang('km', 'en-GB')).toBe('km');
    expect(initialLang(null, 'km-KH')).toBe('km');
    expect(initialLang('fr', 'en-US')).toBe('en');
  });
});
