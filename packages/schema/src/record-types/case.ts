import type { RecordTypeDef } from '../fields.js';

/** The five "safe village" criteria a case is counted under (DESIGN.md, situation 2). */
export const SAFE_VILLAGE_CRITERIA = {
  1: 'Theft, snatching, robbery',
  2: 'Producing or dealing illegal drugs',
  3: 'Prostitution, trafficking of women and children, domestic violence',
  4: 'Gangs',
  5: 'Illegal gambling, illegal weapons and other crimes',
} as const;

/** A crime record of the crime-management system. */
export const crimeCase: RecordTypeDef = {
  name: 'case',
  title: 'Crime case',
  owners: ['police'],
  fields: {
    case_number: { kind: 'string', class: 'case', sealed: true, required: true, indexed: true, maxLength: 40, modes: ['clear', 'masked', 'pseudonym'], description: 'Case number of the handling unit' },
    criterion: { kind: 'integer', class: 'case', sealed: false, required: true, range: [1, 5], modes: ['clear', 'predicate'], description: 'Safe-village criterion (1–5)' },
    offence: { kind: 'string', class: 'case', sealed: true, required: true, maxLength: 120, modes: ['clear', 'generalised'], generalise: 'criterion', description: 'Specific offence (generalised: the criterion only)' },
    occurred_on: { kind: 'date', class: 'case', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'month', description: 'Date of the offence (generalised: month)' },
    place: { kind: 'place', class: 'location', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'commune', description: 'Where it happened' },
    status: { kind: 'enum', class: 'case', sealed: true, required: true, values: ['reported', 'under_investigation', 'referred_to_court', 'closed'], modes: ['clear'], description: 'Procedural status' },
    handling_unit: { kind: 'string', class: 'personnel', sealed: true, required: true, maxLength: 120, modes: ['clear'], description: 'Police unit handling the case' },
    narrative: { kind: 'text', class: 'narrative', sealed: true, required: false, maxLength: 8000, modes: ['clear', 'redacted'], description: 'Narrative of the facts (redacted: the linked persons\' names, nicknames, phones, ID numbers and birth dates replaced by role labels)' },
    persons: {
      kind: 'list',
      class: 'case',
      sealed: true,
      required: false,
      modes: ['clear', 'pseudonym'],
      description: 'Persons involved and their role',
      items: {
        person_id: { kind: 'ref', class: 'case', sealed: true, required: true, refType: 'person', modes: ['clear', 'pseudonym'], description: 'The person record' },
        role: { kind: 'enum', class: 'case', sealed: true, required: true, values: ['suspect', 'witness', 'victim'], modes: ['clear'], description: 'Role in the case' },
      },
    },
    evidence: {
      kind: 'list',
      class: 'media',
      sealed: true,
      required: false,
      modes: ['clear', 'redacted', 'blurred'],
      description: 'Evidence media; in `clear`, flagged items are released redacted (faces hidden, or blurred whole when no face was found with confidence) unless the purpose and leadership allow the original',
      items: {
        media_ref: { kind: 'string', class: 'media', sealed: true, required: true, maxLength: 200, modes: ['clear', 'redacted', 'blurred'], description: 'Reference to the media object' },
        kind: { kind: 'enum', class: 'media', sealed: true, required: true, values: ['photo', 'video', 'document'], modes: ['clear'], description: 'Kind of media' },
        shows_minor: { kind: 'boolean', class: 'media', sealed: true, required: true, modes: ['clear'], description: 'Shows a minor' },
        shows_restrained: { kind: 'boolean', class: 'media', sealed: true, required: true, modes: ['clear'], description: 'Shows a person in handcuffs or restraints' },
        shows_victim: { kind: 'boolean', class: 'media', sealed: true, required: false, modes: ['clear'], description: 'Shows a victim' },
        shows_witness: { kind: 'boolean', class: 'media', sealed: true, required: false, modes: ['clear'], description: 'Shows a witness' },
      },
    },
    sensitivity: { kind: 'enum', class: 'case', sealed: false, required: true, values: ['normal', 'sensitive'], modes: ['clear'], description: 'Sensitive case documents need leadership approval to disclose' },
  },
  searches: {
    case_number: ['case_number'],
  },
  facets: {
    criterion: { from: 'criterion', as: 'value' },
    month: { from: 'occurred_on', as: 'month' },
    commune: { from: 'place', as: 'commune' },
    sensitivity: { from: 'sensitivity', as: 'value' },
  },
};
