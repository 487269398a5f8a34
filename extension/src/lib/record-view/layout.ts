import { recordType } from '@need2know/schema';

/** The headings a record is shown under. */
export const SECTIONS = ['identity', 'contact', 'where', 'case', 'persons', 'evidence', 'test', 'tracing', 'notices', 'officer', 'measure', 'other'] as const;
export type SectionKey = (typeof SECTIONS)[number];

/**
 * Fields of each record type in the order an officer reads them, under headings: who first, then how
 * to reach them and where, then what the record is about. A field a type declares but this table
 * forgets still shows, under "Other", so nothing disclosed is ever left off the screen.
 */
const LAYOUTS: Readonly<Record<string, ReadonlyArray<readonly [SectionKey, readonly string[]]>>> = {
  person: [
    ['identity', ['name_km', 'name_latin', 'nicknames', 'sex', 'date_of_birth', 'minor', 'national_id', 'photo_ref']],
    ['contact', ['phone']],
    ['where', ['address']],
    ['notices', ['red_notice', 'blacklist']],
  ],
  case: [
    ['case', ['case_number', 'status', 'criterion', 'offence', 'occurred_on', 'place', 'handling_unit', 'sensitivity', 'narrative']],
    ['persons', ['persons']],
    ['evidence', ['evidence']],
  ],
  health_case: [
    ['identity', ['name_km', 'name_latin', 'date_of_birth', 'national_id']],
    ['contact', ['phone']],
    ['test', ['test_date', 'result']],
    ['where', ['residence']],
    ['tracing', ['contacts', 'places_visited']],
  ],
  officer_discipline: [
    ['officer', ['officer_name_km', 'officer_name_latin', 'officer_id', 'unit', 'unit_level', 'unit_place']],
    ['measure', ['measure', 'decided_on']],
  ],
};

/** One heading and the fields under it, with their values, in reading order. */
export interface ShownSection {
  readonly section: SectionKey;
  readonly fields: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * The fields of `record` (of type `type`) grouped under headings in reading order; empty sections are
 * left out, and fields the layout does not place go under "other" in the record's own order. The
 * record's `id` is not a field here: the card shows it in its heading.
 *
 * @example arrange('case', { id: 'c-1', persons: [], case_number: '1202/2025/0000023' })
 * // [{ section: 'case', fields: [['case_number', '1202/2025/0000023']] }, { section: 'persons', fields: [['persons', []]] }]
 */
export function arrange(type: string, record: Readonly<Record<string, unknown>>): ShownSection[] {
  const layout = LAYOUTS[type] ?? [];
  const placed = new Set<string>(['id']);
  const out: ShownSection[] = [];
  for (const [section, names] of layout) {
    const fields = names.filter((n) => Object.hasOwn(record, n)).map((n) => [n, record[n]] as const);
    for (const n of names) placed.add(n);
    if (fields.length > 0) out.push({ section, fields });
  }
  const rest = Object.entries(record).filter(([k]) => !placed.has(k));
  if (rest.length > 0) out.push({ section: 'other', fields: rest });
  return out;
}

/**
 * The members of a list item in the order the record type declares them, then any others: e.g. a
 * contact's name before their phone, whatever order storage kept.
 */
export function itemOrder(type: string, list: string, item: Readonly<Record<string, unknown>>): Array<readonly [string, unknown]> {
  const declared = Object.keys(recordType(type)?.fields[list]?.items ?? {});
  const first = declared.filter((k) => Object.hasOwn(item, k)).map((k) => [k, item[k]] as const);
  return [...first, ...Object.entries(item).filter(([k]) => !declared.includes(k))];
}
