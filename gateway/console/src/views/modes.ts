import type { Mode } from '../api.js';
import { h } from '../dom.js';
import type { MessageKey } from '../i18n/en.js';
import { fieldLabel } from '../i18n/field-labels.js';
import { currentLang, t } from '../i18n/i18n.js';

const MODE_KEYS: Record<Mode, [MessageKey, MessageKey]> = {
  clear: ['modeClear', 'modeHelpClear'],
  redacted: ['modeRedacted', 'modeHelpRedacted'],
  blurred: ['modeBlurred', 'modeHelpBlurred'],
  masked: ['modeMasked', 'modeHelpMasked'],
  generalised: ['modeGeneralised', 'modeHelpGeneralised'],
  pseudonym: ['modePseudonym', 'modeHelpPseudonym'],
  predicate: ['modePredicate', 'modeHelpPredicate'],
  none: ['modeNone', 'modeHelpNone'],
};

/** What a media disclosure names beside the modes: the original as stored, or its copy at the working size (an original too large to deliver whole). */
const RENDITION_KEYS: Readonly<Record<string, MessageKey>> = { original: 'renditionOriginal', scaled: 'renditionScaled' };

/** A mode's name in the current language. */
export const modeName = (mode: Mode): string => t(MODE_KEYS[mode][0]);
/** What a mode means, in a few words. */
export const modeHelp = (mode: Mode): string => t(MODE_KEYS[mode][1]);
/** A mode as a badge with its meaning as a tooltip. */
export const modeBadge = (mode: Mode) => h('span', { class: `mode mode-${mode}`, title: modeHelp(mode) }, modeName(mode));

/** A field's name in words in the current language (its code when it has no label). */
export const fieldWords = (name: string): string => fieldLabel(name, currentLang());
/** A field named in words, its code beside it in small type (rules are written by code). */
export const fieldName = (name: string): (Node | string)[] => [
  h('span', { class: 'field-label' }, fieldWords(name)),
  ' ',
  h('span', { class: 'mono muted field-code' }, name),
];
/**
 * The fields of a disclosure and how each was disclosed, in words, e.g. "Phone: masked, Sex: clear".
 * A media rendition (`original`, `scaled`) is named in words too; a mode the console does not know is
 * shown by its code.
 */
export const disclosedFieldsText = (fields: Readonly<Record<string, string>>): string =>
  Object.entries(fields)
    .map(([f, m]) => {
      const words = Object.hasOwn(MODE_KEYS, m) ? modeName(m as Mode) : Object.hasOwn(RENDITION_KEYS, m) ? t(RENDITION_KEYS[m] as MessageKey) : m;
      return `${fieldWords(f)}: ${words}`;
    })
    .join(', ');
