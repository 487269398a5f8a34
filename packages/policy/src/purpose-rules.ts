import { recordType, type DisclosureMode } from '@need2know/schema';
import type { PurposeRules } from './types.js';

/** A problem with a purpose's rules, located by path. */
export interface RuleIssue {
  readonly path: string;
  readonly code: 'unknown_record_type' | 'unknown_field' | 'mode_not_allowed' | 'derived_only' | 'empty';
  readonly message: string;
}

/**
 * Checks a purpose's rules against the declared record types: every type and field must exist, and
 * every mode must be one the field declares (or `none`). Returns the issues; empty means valid.
 */
export function checkPurposeRules(rules: PurposeRules): RuleIssue[] {
  const issues: RuleIssue[] = [];
  let disclosed = 0;
  for (const [typeName, fields] of Object.entries(rules)) {
    const def = recordType(typeName);
    if (def === undefined) {
      issues.push({ path: `rules.${typeName}`, code: 'unknown_record_type', message: 'no such record type' });
      continue;
    }
    for (const [field, mode] of Object.entries(fields)) {
      // The record id always goes out so partners can refer back; a purpose may pseudonymise it.
      if (field === 'id') {
        if (mode !== 'clear' && mode !== 'pseudonym')
          issues.push({ path: `rules.${typeName}.id`, code: 'mode_not_allowed', message: 'the record id allows: clear, pseudonym' });
        continue;
      }
      const fieldDef = Object.hasOwn(def.fields, field) ? def.fields[field] : undefined;
      if (fieldDef === undefined) {
        issues.push({ path: `rules.${typeName}.${field}`, code: 'unknown_field', message: 'no such field' });
        continue;
      }
      if (mode !== 'none' && !fieldDef.modes.includes(mode as DisclosureMode)) {
        issues.push({ path: `rules.${typeName}.${field}`, code: 'mode_not_allowed', message: `this field allows: ${[...fieldDef.modes, 'none'].join(', ')}` });
        continue;
      }
      if (mode !== 'none') disclosed++;
    }
  }
  if (disclosed === 0 && issues.length === 0) issues.push({ path: 'rules', code: 'empty', message: 'a purpose must disclose at least one field' });
  return issues;
}
