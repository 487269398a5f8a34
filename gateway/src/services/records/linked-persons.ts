import { IDENTIFYING_FIELDS, linkedPersonsOf, type LinkedPerson } from '@need2know/deidentify';
import { PERSON_TYPE, referencedPersons, type DisclosureMode, type RecordTypeDef } from '@need2know/schema';
import { readRecords, type OpenedRecord, type RecordReader } from './read.js';

/** The persons linked to a record, by the record's id (`MinimiseContext.linkedPersons`). */
export type LinkedPersonsOf = (recordId: string) => readonly LinkedPerson[] | undefined;

/** True when `disclosure` redacts a free-text field of `def`: only then are linked persons read. */
function redactsText(def: RecordTypeDef, disclosure: Readonly<Record<string, DisclosureMode>>): boolean {
  return Object.entries(disclosure).some(([name, mode]) => mode === 'redacted' && Object.hasOwn(def.fields, name) && def.fields[name]?.kind === 'text');
}

/**
 * The persons linked to each of `records` (opened with at least `fieldsToOpen`'s fields, which
 * include the person links when a text field is redacted), for minimising them under `disclosure`.
 * When the purpose redacts no text field, nothing is read and the answer is undefined. Otherwise the
 * person records they refer to are read in one query and opened for their identifying fields only
 * (names, nicknames, phone, ID number, birth date); none of it leaves the gateway — it is what
 * `redactNarrative` looks for. A person record that is missing gives its role label and nothing to
 * look for (`linkedPersonsOf`).
 */
export async function linkedPersonsFor(
  reader: RecordReader,
  def: RecordTypeDef,
  records: readonly OpenedRecord[],
  disclosure: Readonly<Record<string, DisclosureMode>>,
): Promise<LinkedPersonsOf | undefined> {
  if (!redactsText(def, disclosure)) return undefined;
  const sources = records.map((r) => ({ ...r.fields, id: r.id }));
  // A person record refers to itself: its own fields are already open.
  const ids = [...new Set(sources.flatMap((r) => referencedPersons(def, r).filter((id) => def.name !== PERSON_TYPE || id !== r.id)))];
  const persons = await readRecords(reader, PERSON_TYPE, ids, [...IDENTIFYING_FIELDS]);
  const byId = new Map(persons.map((p) => [p.id, p.fields]));
  const linked = new Map(sources.map((r) => [r.id, linkedPersonsOf(def, r, byId)]));
  return (recordId) => linked.get(recordId);
}
