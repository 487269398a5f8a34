import { DISCLOSURE_MODES, type DisclosureMode } from '@need2know/schema';
import { ID_FIELD } from '@need2know/deidentify';
import { checkPurposeRules } from './purpose-rules.js';

/**
 * The disclosure modes a purpose may choose for `field` of record type `type`, most revealing first:
 * asked of the same check that validates purposes ({@link checkPurposeRules}), so the purpose editor
 * never offers what saving would refuse. The record id is never withheld (minimisation always sends
 * it, in clear or as a pseudonym).
 *
 * @example modesAPurposeMayChoose('person', 'id') // ['clear', 'pseudonym']
 */
export function modesAPurposeMayChoose(type: string, field: string): DisclosureMode[] {
  const accepted = DISCLOSURE_MODES.filter(
    (mode) => !checkPurposeRules({ [type]: { [field]: mode } }).some((i) => i.code === 'mode_not_allowed' || i.code === 'unknown_field'),
  );
  return field === ID_FIELD ? accepted.filter((m) => m !== 'none') : accepted;
}

/** What a purpose that does not name `field` discloses: the record id in clear, any other field nothing. */
export function modeWhenAbsent(field: string): DisclosureMode {
  return field === ID_FIELD ? 'clear' : 'none';
}
