import { describe, expect, it } from 'vitest';
import { FIELD_LABELS, fieldLabelMessages } from './field-labels.js';
import { RECORD_TYPES } from './record-types/index.js';

const KHMER = /^[\u1780-\u17FF0-9០-៩ ().,/-]+$/;

describe('field labels', () => {
  it('names every declared field of every record type in English and in Khmer script', () => {
    for (const type of Object.values(RECORD_TYPES)) {
      for (const name of ['id', ...Object.keys(type.fields)]) {
        const label = FIELD_LABELS[name as keyof typeof FIELD_LABELS];
        expect(label, `${type.name}.${name}`).toBeDefined();
        expect(label.en, `${type.name}.${name}`).not.toBe(name);
        expect(label.km, `${type.name}.${name}`).toMatch(KHMER);
      }
    }
  });

  it('gives a catalogue one entry field.<name> per label, in the language asked', () => {
    const km = fieldLabelMessages('km');
    expect(Object.keys(km)).toHaveLength(Object.keys(FIELD_LABELS).length);
    expect(km['field.phone']).toBe(FIELD_LABELS.phone.km);
    expect(fieldLabelMessages('en')['field.phone']).toBe('Phone');
  });
});
