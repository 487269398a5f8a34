import { RECORD_TYPES } from '@need2know/schema';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fieldLabel } from './field-labels.js';
import { km } from './km.js';

const KHMER = /[\u1780-\u17FF]/;
const MODES = ['Clear', 'Masked', 'Generalised', 'Pseudonym', 'Predicate', 'None', 'Redacted', 'Blurred'] as const;

describe('field labels', () => {
  it('names every field of every declared record type in English and in Khmer script', () => {
    for (const type of Object.values(RECORD_TYPES)) {
      for (const name of ['id', ...Object.keys(type.fields)]) {
        expect(fieldLabel(name, 'en'), `${type.name}.${name}`).not.toBe(name);
        expect(fieldLabel(name, 'km'), `${type.name}.${name}`).toMatch(KHMER);
      }
    }
  });

  it('shows a field it does not know by its code', () => {
    expect(fieldLabel('not_a_field', 'km')).toBe('not_a_field');
    expect(fieldLabel('toString', 'en')).toBe('toString');
  });
});

describe('mode names and their meanings', () => {
  it('never say the same words twice ("មិនបង្ហាញ — មិនបង្ហាញ")', () => {
    for (const mode of MODES) {
      expect(km[`modeHelp${mode}`]).not.toBe(km[`mode${mode}`]);
      expect(en[`modeHelp${mode}`]).not.toBe(en[`mode${mode}`]);
    }
    expect(km.modeHelpNone).not.toContain(km.modeNone);
  });
});
