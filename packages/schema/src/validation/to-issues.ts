import type * as z from 'zod';
import type { FieldDef, RecordTypeDef } from '../fields.js';
import { isValidationIssueCode, issueMessage, type ValidationIssue, type ValidationIssueCode } from './issues.js';
import { MAX_ISSUES } from './limits.js';

/**
 * Unknown member names are echoed in an issue's path only when they look like a field name; anything
 * else (a name, a phone number used as a key) may be personal data and is reported at its parent.
 */
const FIELD_NAME_SHAPE = /^[a-z][a-z0-9_]{0,39}$/;

type Path = readonly PropertyKey[];

/**
 * Our issues for zod's, for a record of type `def`. Codes come from the zod issue and the declaration
 * of the field it concerns; messages from the catalogue. At most {@link MAX_ISSUES}.
 */
export function toValidationIssues(def: RecordTypeDef, issues: readonly z.core.$ZodIssue[], body: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  const push = (path: Path, code: ValidationIssueCode, detail?: string) => {
    const pointer = toPointer(path);
    const key = `${pointer}\u0000${code}`;
    if (seen.has(key) || out.length >= MAX_ISSUES) return;
    seen.add(key);
    out.push({ path: pointer, code, message: issueMessage(code, detail) });
  };

  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const fields = fieldsAt(def, issue.path);
      for (const key of issue.keys) {
        const derived = fields !== undefined && Object.hasOwn(fields, key) && fields[key]?.derived === true;
        push(FIELD_NAME_SHAPE.test(key) ? [...issue.path, key] : issue.path, derived ? 'derived_field' : 'unknown_field');
      }
      continue;
    }
    const target = targetAt(def, issue.path);
    if (issue.code !== 'custom' && isMissing(body, issue.path)) {
      push(issue.path, 'required');
      continue;
    }
    switch (issue.code) {
      case 'custom': {
        const code: unknown = issue.params?.['code'];
        push(issue.path, isValidationIssueCode(code) ? code : 'invalid_type');
        break;
      }
      case 'invalid_type':
        if (target.field?.kind === 'integer' && Number.isFinite(valueAt(body, issue.path))) push(issue.path, 'not_integer');
        else push(issue.path, 'invalid_type', `expected ${issue.expected === 'int' ? 'integer' : issue.expected}`);
        break;
      case 'too_big':
      case 'too_small':
        if (issue.origin === 'string')
          push(
            issue.path,
            issue.code === 'too_big' ? 'too_long' : 'empty',
            issue.code === 'too_big' ? `at most ${String(issue.maximum)} characters` : undefined,
          );
        else if (issue.origin === 'array') push(issue.path, 'too_many_items', `at most ${String(issue.code === 'too_big' ? issue.maximum : issue.minimum)}`);
        else push(issue.path, 'out_of_range', target.field?.range ? `${target.field.range[0]} to ${target.field.range[1]}` : undefined);
        break;
      case 'invalid_format':
        push(issue.path, formatCode(target));
        break;
      case 'invalid_value':
        push(issue.path, 'invalid_enum', target.field?.values?.join(', '));
        break;
      default:
        push(issue.path, 'invalid_type');
    }
  }
  return out;
}

/** The issue path as a JSON Pointer (RFC 6901 §3: `~` and `/` escaped as `~0` and `~1`). */
export function toPointer(path: Path): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

interface Target {
  /** The declared field the path lies in, if any. */
  readonly field?: FieldDef;
  /** The path is the record id. */
  readonly isId: boolean;
}

/** The declared field a path points into: `/place/district` lies in `place`, `/persons/2/role` in `persons.items.role`. */
function targetAt(def: RecordTypeDef, path: Path): Target {
  if (path.length === 1 && path[0] === 'id') return { isId: true };
  let fields: Readonly<Record<string, FieldDef>> | undefined = def.fields;
  let field: FieldDef | undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (fields === undefined || typeof segment !== 'string' || !Object.hasOwn(fields, segment)) break;
    field = fields[segment];
    fields = undefined;
    // A list's items are addressed by index, then by item field.
    if (field?.kind === 'list' && typeof path[i + 1] === 'number') {
      fields = field.items;
      i++;
    }
  }
  return field ? { field, isId: false } : { isId: false };
}

/** The declared fields an object at `path` is checked against: the record's, or a list item's. */
function fieldsAt(def: RecordTypeDef, path: Path): Readonly<Record<string, FieldDef>> | undefined {
  if (path.length === 0) return def.fields;
  const last = path[path.length - 1];
  if (typeof last !== 'number') return undefined;
  const { field } = targetAt(def, path.slice(0, -1));
  return field?.kind === 'list' ? field.items : undefined;
}

function formatCode(target: Target): ValidationIssueCode {
  if (target.isId) return 'invalid_id';
  switch (target.field?.kind) {
    case 'ref':
      return 'invalid_ref';
    case 'date':
      return 'invalid_date';
    case 'place':
      return 'invalid_place';
    default:
      return 'invalid_type';
  }
}

function valueAt(body: unknown, path: Path): unknown {
  let value = body;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || typeof segment === 'symbol') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** True when the last member of `path` is absent (or undefined) in an object that is present. */
function isMissing(body: unknown, path: Path): boolean {
  if (path.length === 0 || typeof path[path.length - 1] !== 'string') return false;
  const parent = valueAt(body, path.slice(0, -1));
  return typeof parent === 'object' && parent !== null && !Array.isArray(parent) && valueAt(parent, path.slice(-1)) === undefined;
}
