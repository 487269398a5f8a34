import * as z from 'zod';
import type { FieldDef } from '../fields.js';
import { dateSchema } from './date.js';
import { LIST_MAX_ITEMS, STRING_DEFAULT_MAX_LENGTH, TEXT_DEFAULT_MAX_LENGTH } from './limits.js';
import { nationalIdSchema } from './national-id.js';
import { phoneSchema } from './phone.js';
import { placeSchema } from './place.js';
import { recordIdSchema } from './record-id.js';
import { textSchema } from './text.js';

/** What field schemas need from outside: the current date, for "not in the far future". */
export interface FieldSchemaContext {
  readonly today: () => string;
}

/**
 * The zod schema of one declared field (its value only; whether it is required is decided by the
 * enclosing object). Throws TypeError when the declaration is incomplete (an enum without values,
 * a list without items): that is a programming error, not bad input.
 */
export function fieldSchema(name: string, field: FieldDef, context: FieldSchemaContext): z.ZodType {
  return kindSchema(name, field, context).describe(field.description);
}

/**
 * The shape of an object whose members are `fields`: required fields required, optional ones optional,
 * derived fields left out (so a strict object refuses them; the caller reports them as derived).
 */
export function objectShape(fields: Readonly<Record<string, FieldDef>>, context: FieldSchemaContext): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (field.derived === true) continue;
    const schema = fieldSchema(name, field, context);
    shape[name] = field.required ? schema : schema.optional();
  }
  return shape;
}

function kindSchema(name: string, field: FieldDef, context: FieldSchemaContext): z.ZodType {
  switch (field.kind) {
    case 'string':
      return textSchema(field.maxLength ?? STRING_DEFAULT_MAX_LENGTH, false);
    case 'text':
      return textSchema(field.maxLength ?? TEXT_DEFAULT_MAX_LENGTH, true);
    case 'national_id':
      return nationalIdSchema();
    case 'phone':
      return phoneSchema();
    case 'date':
      return dateSchema(context.today);
    case 'enum': {
      const [first, ...rest] = field.values ?? [];
      if (first === undefined) throw new TypeError(`enum field ${name} declares no values`);
      return z.enum([first, ...rest]);
    }
    case 'integer': {
      const [min, max] = field.range ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      return z.number().int().min(min).max(max);
    }
    case 'boolean':
      return z.boolean();
    case 'place':
      return placeSchema();
    case 'ref':
      return recordIdSchema();
    case 'list': {
      if (field.items === undefined) throw new TypeError(`list field ${name} declares no items`);
      return z.array(z.strictObject(objectShape(field.items, context))).max(LIST_MAX_ITEMS);
    }
  }
}
