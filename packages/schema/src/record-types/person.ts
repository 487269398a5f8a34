import type { RecordTypeDef } from '../fields.js';

/** A person known to the crime-management system (suspect, witness, victim, or listed official). */
export const person: RecordTypeDef = {
  name: 'person',
  title: 'Person',
  owners: ['police'],
  fields: {
    national_id: { kind: 'national_id', class: 'identity', sealed: true, required: true, indexed: true, modes: ['clear', 'masked', 'pseudonym', 'predicate'], description: 'National ID card number' },
    name_km: { kind: 'string', class: 'identity', sealed: true, required: true, maxLength: 120, modes: ['clear', 'masked', 'pseudonym'], description: 'Full name in Khmer script' },
    name_latin: { kind: 'string', class: 'identity', sealed: true, required: true, indexed: true, maxLength: 120, modes: ['clear', 'masked', 'pseudonym'], description: 'Full name in Latin letters' },
    nicknames: { kind: 'string', class: 'identity', sealed: true, required: false, maxLength: 200, modes: ['clear', 'masked'], description: 'Nicknames the person is known by, in either script, separated by commas' },
    sex: { kind: 'enum', class: 'demographic', sealed: true, required: true, values: ['F', 'M', 'X'], modes: ['clear'], description: 'Sex as recorded' },
    // Generalised to a five-year age band as of today ("30–34") rather than the birth year: a year pins
    // the birth date to 12 months, a band to 60, and an age is what partners reason with. Only one of
    // the two: together they would narrow the date to their overlap.
    date_of_birth: { kind: 'date', class: 'demographic', sealed: true, required: true, indexed: true, modes: ['clear', 'generalised', 'predicate'], generalise: 'age_band', description: 'Date of birth (generalised: five-year age band)' },
    phone: { kind: 'phone', class: 'contact', sealed: true, required: false, indexed: true, modes: ['clear', 'masked', 'pseudonym'], description: 'Mobile phone number, E.164' },
    address: { kind: 'place', class: 'location', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'commune', description: 'Home address as province / district-khan / commune-sangkat / village' },
    photo_ref: { kind: 'string', class: 'media', sealed: true, required: false, maxLength: 200, modes: ['clear', 'redacted', 'blurred'], description: 'Reference to the identity photo' },
    minor: { kind: 'boolean', class: 'demographic', sealed: true, required: false, derived: true, modes: ['clear', 'predicate'], description: 'Under 18 today (derived from date of birth)' },
    red_notice: { kind: 'boolean', class: 'case', sealed: true, required: true, modes: ['clear', 'predicate'], description: 'Under a red notice' },
    blacklist: {
      kind: 'list',
      class: 'case',
      sealed: true,
      required: false,
      modes: ['clear', 'predicate'],
      description: 'Time-bound listings (e.g. officials convicted of drug offences); a listing counts only inside its window',
      items: {
        list: { kind: 'enum', class: 'case', sealed: true, required: true, values: ['drug_offence_officials'], modes: ['clear'], description: 'Which blacklist' },
        listed_from: { kind: 'date', class: 'case', sealed: true, required: true, modes: ['clear'], description: 'First day of the listing' },
        listed_until: { kind: 'date', class: 'case', sealed: true, required: true, modes: ['clear'], description: 'Last day of the listing' },
        reference: { kind: 'string', class: 'case', sealed: true, required: false, maxLength: 80, modes: ['clear'], description: 'Court or decision reference' },
      },
    },
  },
  searches: {
    national_id: ['national_id'],
    phone: ['phone'],
    name_dob: ['name_latin', 'date_of_birth'],
  },
  facets: {},
};
