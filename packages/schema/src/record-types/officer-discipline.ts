import type { RecordTypeDef } from '../fields.js';

/** A disciplinary measure taken against a police officer, counted in published statistics. */
export const officerDiscipline: RecordTypeDef = {
  name: 'officer_discipline',
  title: 'Officer discipline',
  owners: ['police'],
  fields: {
    officer_id: { kind: 'string', class: 'personnel', sealed: true, required: true, indexed: true, maxLength: 40, modes: ['clear', 'pseudonym'], description: 'Officer service number' },
    officer_name_km: { kind: 'string', class: 'identity', sealed: true, required: true, maxLength: 120, modes: ['clear', 'masked'], description: 'Officer name in Khmer script' },
    officer_name_latin: { kind: 'string', class: 'identity', sealed: true, required: true, maxLength: 120, modes: ['clear', 'masked'], description: 'Officer name in Latin letters' },
    unit: { kind: 'string', class: 'personnel', sealed: true, required: true, maxLength: 120, modes: ['clear'], description: 'Unit of the officer' },
    unit_level: { kind: 'enum', class: 'personnel', sealed: false, required: true, values: ['national', 'province', 'district', 'commune'], modes: ['clear'], description: 'Level of the unit' },
    unit_place: { kind: 'place', class: 'location', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'province', description: 'Where the unit sits' },
    measure: { kind: 'enum', class: 'personnel', sealed: false, required: true, values: ['dismissal', 'demotion', 'warning', 'suspension'], modes: ['clear'], description: 'Disciplinary measure' },
    decided_on: { kind: 'date', class: 'personnel', sealed: true, required: true, modes: ['clear', 'generalised'], generalise: 'month', description: 'Date of the decision' },
  },
  searches: {
    officer_id: ['officer_id'],
  },
  facets: {
    measure: { from: 'measure', as: 'value' },
    unit_level: { from: 'unit_level', as: 'value' },
    month: { from: 'decided_on', as: 'month' },
    province: { from: 'unit_place', as: 'province' },
  },
};
