import { recordType } from '@need2know/schema';

/** The safe-village criteria a case may carry (the schema's integer range), in order. */
export function crimeCaseCriteria(): number[] {
  const range = recordType('case')?.fields.criterion?.range;
  if (range === undefined) throw new TypeError('the case record type declares no criterion range');
  return Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i);
}

/** The values of enum field `field` of record type `type`, as the schema declares them. */
export function recordEnum(type: string, field: string): string[] {
  const values = recordType(type)?.fields[field]?.values;
  if (values === undefined) throw new TypeError(`${type}.${field} is not an enum`);
  return [...values];
}
