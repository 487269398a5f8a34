import type { RecordTypeDef } from '../fields.js';

/** A case of the health ministry's outbreak response (a second data owner). */
export const healthCase: RecordTypeDef = {
  name: 'health_case',
  title: 'Health case',
  owners: ['health'],
  fields: {
    national_id: { kind: 'national_id', class: 'identity', sealed: true, required: false, indexed: true, modes: ['clear', 'masked', 'pseudonym', 'predicate'], description: 'National ID card number of the patient' },
    name_km: { kind: 'string', class: 'identity', sealed: true, required: true, maxLength: 120, modes: ['clear', 'masked', 'pseudonym'], description: 'Patient name in Khmer script' },
    name_latin: { kind: 'string', class: 'identity', sealed: true, required: true, maxLength: 120, modes: ['clear', 'masked', 'pseudonym'], description: 'Patient name in Latin letters' },
    phone: { kind: 'phone', class: 'contact', sealed: true, required: false, indexed: true, modes: ['clear', 'masked', 'pseudonym'], description: 'Patient phone, E.164' },
    // Age band, not birth year: see person.date_of_birth.
    date_of_birth: { kind: 'date', class: 'demographic', sealed: true, required: false, modes: ['clear', 'generalised'], generalise: 'age_band', description: 'Date of birth' },
    test_date: { kind: 'date', class: 'health', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'week', description: 'Date of the test' },
    result: { kind: 'enum', class: 'health', sealed: true, required: true, values: ['positive', 'negative', 'inconclusive'], modes: ['clear', 'predicate'], description: 'Test result' },
    residence: { kind: 'place', class: 'location', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'commune', description: 'Commune of residence' },
    places_visited: {
      kind: 'list',
      class: 'location',
      sealed: true,
      required: false,
      modes: ['clear', 'generalised'],
      description: 'Places visited, with dates',
      items: {
        place: { kind: 'place', class: 'location', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'commune', description: 'Place' },
        date: { kind: 'date', class: 'location', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'week', description: 'Date of the visit' },
      },
    },
    contacts: {
      kind: 'list',
      class: 'contact',
      sealed: true,
      required: false,
      modes: ['clear', 'masked'],
      description: 'Close contacts with their phone numbers',
      items: {
        name_latin: { kind: 'string', class: 'identity', sealed: true, required: true, maxLength: 120, modes: ['clear', 'masked'], description: 'Contact name' },
        phone: { kind: 'phone', class: 'contact', sealed: true, required: true, modes: ['clear', 'masked'], description: 'Contact phone, E.164' },
      },
    },
  },
  searches: {
    national_id: ['national_id'],
    phone: ['phone'],
  },
  facets: {
    week: { from: 'test_date', as: 'week' },
    commune: { from: 'residence', as: 'commune' },
    result: { from: 'result', as: 'value' },
  },
};
