import type { DisclosureMode, RecordTypeDef } from '@need2know/schema';
import { fieldsToOpen } from '@need2know/policy';

/**
 * The stored fields a record route opens: what minimisation needs to apply the purpose's modes,
 * plus the case's persons, who are the people the disclosure is about (counted against the hourly
 * limit and logged as keyed hashes). Opened fields that are not disclosed never leave the gateway.
 */
export function fieldsForDisclosure(def: RecordTypeDef, disclosed: Readonly<Record<string, DisclosureMode>>): string[] {
  const fields = new Set(fieldsToOpen(def, disclosed));
  if (def.name === 'case') fields.add('persons');
  return [...fields];
}
