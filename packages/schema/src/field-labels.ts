/**
 * The record types' field names in words, in English and Khmer: what the officer's viewer labels a
 * field with and what the console names it by, so that a field is called the same everywhere. Keyed
 * by the field's name as declared (fields of list items by their own name: `role`, `media_ref`, …).
 * Imports nothing, so that the viewer and the console can bundle it alone.
 */

/** The languages field names are written in. */
export type FieldLabelLang = 'en' | 'km';

/** Each field's label, per language. */
export const FIELD_LABELS = {
  id: { en: 'Record id', km: 'លេខសម្គាល់កំណត់ត្រា' },
  national_id: { en: 'National ID', km: 'លេខអត្តសញ្ញាណប័ណ្ណ' },
  name_km: { en: 'Name (Khmer)', km: 'ឈ្មោះ (ខ្មែរ)' },
  name_latin: { en: 'Name (Latin letters)', km: 'ឈ្មោះ (អក្សរឡាតាំង)' },
  nicknames: { en: 'Nicknames', km: 'ឈ្មោះហៅក្រៅ' },
  sex: { en: 'Sex', km: 'ភេទ' },
  date_of_birth: { en: 'Date of birth', km: 'ថ្ងៃខែឆ្នាំកំណើត' },
  minor: { en: 'Under 18', km: 'អាយុក្រោម ១៨ ឆ្នាំ' },
  phone: { en: 'Phone', km: 'ទូរស័ព្ទ' },
  address: { en: 'Home address', km: 'អាសយដ្ឋាន' },
  photo_ref: { en: 'Photo', km: 'រូបថត' },
  red_notice: { en: 'Red notice', km: 'សេចក្តីជូនដំណឹងក្រហម' },
  blacklist: { en: 'Blacklist listings', km: 'ការចុះក្នុងបញ្ជីខ្មៅ' },
  list: { en: 'List', km: 'បញ្ជី' },
  listed_from: { en: 'Listed from', km: 'ចុះបញ្ជីពី' },
  listed_until: { en: 'Listed until', km: 'ចុះបញ្ជីរហូតដល់' },
  reference: { en: 'Decision reference', km: 'លេខយោងសេចក្តីសម្រេច' },
  case_number: { en: 'Case number', km: 'លេខសំណុំរឿង' },
  criterion: { en: 'Safe-village criterion', km: 'លក្ខណៈវិនិច្ឆ័យភូមិមានសុវត្ថិភាព' },
  offence: { en: 'Offence', km: 'បទល្មើស' },
  occurred_on: { en: 'Date of the offence', km: 'កាលបរិច្ឆេទនៃបទល្មើស' },
  place: { en: 'Place', km: 'ទីកន្លែង' },
  status: { en: 'Status', km: 'ស្ថានភាព' },
  handling_unit: { en: 'Handling unit', km: 'អង្គភាពទទួលបន្ទុក' },
  narrative: { en: 'Narrative', km: 'សេចក្តីរៀបរាប់' },
  persons: { en: 'Persons involved', km: 'បុគ្គលពាក់ព័ន្ធ' },
  person_id: { en: 'Person', km: 'បុគ្គល' },
  role: { en: 'Role', km: 'តួនាទី' },
  evidence: { en: 'Evidence', km: 'ភស្តុតាង' },
  media_ref: { en: 'Item', km: 'ធាតុ' },
  kind: { en: 'Kind', km: 'ប្រភេទ' },
  shows_minor: { en: 'Shows a minor', km: 'បង្ហាញអនីតិជន' },
  shows_restrained: { en: 'Shows a person in restraints', km: 'បង្ហាញបុគ្គលដែលត្រូវបានឃុំខ្លួន' },
  shows_victim: { en: 'Shows a victim', km: 'បង្ហាញជនរងគ្រោះ' },
  shows_witness: { en: 'Shows a witness', km: 'បង្ហាញសាក្សី' },
  blurred: { en: 'Blurred', km: 'ធ្វើឱ្យព្រិល' },
  redacted: { en: 'Faces hidden', km: 'មុខត្រូវបានលាក់' },
  sensitivity: { en: 'Sensitivity', km: 'កម្រិតរសើប' },
  test_date: { en: 'Date of the test', km: 'កាលបរិច្ឆេទធ្វើតេស្ត' },
  result: { en: 'Result', km: 'លទ្ធផល' },
  residence: { en: 'Residence', km: 'ទីលំនៅ' },
  places_visited: { en: 'Places visited', km: 'ទីកន្លែងដែលបានទៅ' },
  date: { en: 'Date', km: 'កាលបរិច្ឆេទ' },
  contacts: { en: 'Close contacts', km: 'អ្នកប៉ះពាល់ផ្ទាល់' },
  officer_id: { en: 'Service number', km: 'អត្តលេខ' },
  officer_name_km: { en: 'Name (Khmer)', km: 'ឈ្មោះ (ខ្មែរ)' },
  officer_name_latin: { en: 'Name (Latin letters)', km: 'ឈ្មោះ (អក្សរឡាតាំង)' },
  unit: { en: 'Unit', km: 'អង្គភាព' },
  unit_level: { en: 'Level of the unit', km: 'កម្រិតអង្គភាព' },
  unit_place: { en: 'Where the unit sits', km: 'ទីតាំងអង្គភាព' },
  measure: { en: 'Measure', km: 'វិធានការ' },
  decided_on: { en: 'Date of the decision', km: 'កាលបរិច្ឆេទសម្រេច' },
  title: { en: 'Title', km: 'ចំណងជើង' },
} as const satisfies Readonly<Record<string, Readonly<Record<FieldLabelLang, string>>>>;

/** A field that has a label. */
export type LabelledField = keyof typeof FIELD_LABELS;

/** The labels of one language as message entries `field.<name>`, for a catalogue of texts. */
export function fieldLabelMessages(lang: FieldLabelLang): { readonly [F in LabelledField as `field.${F}`]: string } {
  return Object.fromEntries(Object.entries(FIELD_LABELS).map(([field, label]) => [`field.${field}`, label[lang]])) as {
    readonly [F in LabelledField as `field.${F}`]: string;
  };
}
