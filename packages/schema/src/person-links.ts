import type { RecordTypeDef } from './fields.js';

/** The record type whose records are people; other types name people through links to it. */
export const PERSON_TYPE = 'person';

/**
 * One way a record names a person, read from its field declarations:
 * - `self`: the record is a person record; its id names the person;
 * - `ref`: a field, or a member of a list field's items, holds the id of a person record
 *   (`case.persons[].person_id`);
 * - `national_id`: a field holds the person's national ID number and a search on that field alone
 *   finds the record (`health_case.national_id`, `person.national_id`).
 */
export type PersonLink =
  | { readonly kind: 'self' }
  | { readonly kind: 'ref'; readonly field: string; readonly member: string | null }
  | { readonly kind: 'national_id'; readonly field: string; readonly search: string };

/**
 * Every way a record of `def` names a person, in declaration order (`self` first). A record type
 * with no link names nobody: its records are about themselves (e.g. an officer's discipline record,
 * which names an officer by service number).
 *
 * @example personLinks(crimeCase) // [{ kind: 'ref', field: 'persons', member: 'person_id' }]
 * @example personLinks(healthCase) // [{ kind: 'national_id', field: 'national_id', search: 'national_id' }]
 */
export function personLinks(def: RecordTypeDef): PersonLink[] {
  const links: PersonLink[] = def.name === PERSON_TYPE ? [{ kind: 'self' }] : [];
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.kind === 'ref' && field.refType === PERSON_TYPE) links.push({ kind: 'ref', field: name, member: null });
    if (field.kind === 'list') {
      for (const [member, item] of Object.entries(field.items ?? {}))
        if (item.kind === 'ref' && item.refType === PERSON_TYPE) links.push({ kind: 'ref', field: name, member });
    }
    if (field.kind === 'national_id') {
      const search = Object.entries(def.searches).find(([, fields]) => fields.length === 1 && fields[0] === name)?.[0];
      if (search !== undefined) links.push({ kind: 'national_id', field: name, search });
    }
  }
  return links;
}

/**
 * The ids of the person records `record` (of type `def`) refers to through its `ref` links, in
 * order, without repeats. A person record refers to itself.
 *
 * @example referencedPersons(crimeCase, { id: 'c-1', persons: [{ person_id: 'p-1', role: 'victim' }] }) // ['p-1']
 */
export function referencedPersons(def: RecordTypeDef, record: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  for (const link of personLinks(def)) {
    if (link.kind === 'self' && typeof record.id === 'string') ids.add(record.id);
    if (link.kind !== 'ref') continue;
    const value = record[link.field];
    const values =
      link.member === null
        ? [value]
        : Array.isArray(value)
          ? value.map((item: unknown) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[link.member as string] : undefined))
          : [];
    for (const v of values) if (typeof v === 'string') ids.add(v);
  }
  return [...ids];
}
