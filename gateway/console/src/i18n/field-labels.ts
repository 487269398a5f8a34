/**
 * Field names of the record types in words, in English and Khmer (the same words the officer's
 * viewer uses), so that the purpose editor, the purpose view and the disclosure log name a field as
 * people say it; the field's code stays beside it for the officers who write rules by code.
 */
import type { Lang } from './i18n.js';

/** Each declared field's label, per language. A field not listed here is shown by its code. */
export const FIELD_LABELS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  id: { en: 'Record id', km: 'លេខសម្គាល់កំណត់ត្រា' },
  national_id: { en: 'National ID', km: 'លេខអត្តសញ្ញាណប័ណ្ណ' },
  name_km: { en: 'Name (Khmer)', km: 'ឈ្មោះ (ខ្មែរ)' },
  name_latin: { en: 'Name (Latin letters)', km: 'ឈ្មោះ (អក្សរឡាតាំង)' },
  nicknames: { en: 'Nicknames', km: 'ឈ្មោះហៅក្រៅ' },
  sex: { en: 'Sex', km: 'ភេទ' },
  date_of_birth: { en: 'Date of birth', km: 'ថ្ងៃខែឆ្នាំកំណើត' },
  phone: { en: 'Phone', km: 'ទូរស័ព្ទ' },
  address: { en: 'Home address', km: 'អាសយដ្ឋាន' },
  photo_ref: { en: 'Photo', km: 'រូបថត' },
  minor: { en: 'Under 18', km: 'អាយុក្រោម ១៨ ឆ្នាំ' },
  red_notice: { en: 'Red notice', km: 'សេចក្តីជូនដំណឹងក្រហម' },
  blacklist: { en: 'Blacklist listings', km: 'ការចុះក្នុងបញ្ជីខ្មៅ' },
  case_number: { en: 'Case number', km: 'លេខសំណុំរឿង' },
  criterion: { en: 'Safe-village criterion', km: 'លក្ខណៈវិនិច្ឆ័យភូមិមានសុវត្ថិភាព' },
  offence: { en: 'Offence', km: 'បទល្មើស' },
  occurred_on: { en: 'Date of the offence', km: 'កាលបរិច្ឆេទនៃបទល្មើស' },
  place: { en: 'Place', km: 'ទីកន្លែង' },
  status: { en: 'Status', km: 'ស្ថានភាព' },
  handling_unit: { en: 'Handling unit', km: 'អង្គភាពទទួលបន្ទុក' },
  narrative: { en: 'Narrative', km: 'សេចក្តីរៀបរាប់' },
  persons: { en: 'Persons involved', km: 'បុគ្គលពាក់ព័ន្ធ' },
  evidence: { en: 'Evidence', km: 'ភស្តុតាង' },
  sensitivity: { en: 'Sensitivity', km: 'កម្រិតរសើប' },
  test_date: { en: 'Date of the test', km: 'កាលបរិច្ឆេទធ្វើតេស្ត' },
  result: { en: 'Result', km: 'លទ្ធផល' },
  residence: { en: 'Residence', km: 'ទីលំនៅ' },
  places_visited: { en: 'Places visited', km: 'ទីកន្លែងដែលបានទៅ' },
  contacts: { en: 'Close contacts', km: 'អ្នកប៉ះពាល់ផ្ទាល់' },
  officer_id: { en: 'Service number', km: 'អត្តលេខ' },
  officer_name_km: { en: 'Name (Khmer)', km: 'ឈ្មោះ (ខ្មែរ)' },
  officer_name_latin: { en: 'Name (Latin letters)', km: 'ឈ្មោះ (អក្សរឡាតាំង)' },
  unit: { en: 'Unit', km: 'អង្គភាព' },
  unit_level: { en: 'Level of the unit', km: 'កម្រិតអង្គភាព' },
  unit_place: { en: 'Where the unit sits', km: 'ទីតាំងអង្គភាព' },
  measure: { en: 'Measure', km: 'វិធានការ' },
  decided_on: { en: 'Date of the decision', km: 'កាលបរិច្ឆេទសម្រេច' },
};

/**
 * The label of field `name` in `lang`, or its code when it has none.
 *
 * @example fieldLabel('phone', 'km') // 'ទូរស័ព្ទ'
 */
export const fieldLabel = (name: string, lang: Lang): string => (Object.hasOwn(FIELD_LABELS, name) ? (FIELD_LABELS[name]?.[lang] ?? name) : name);
