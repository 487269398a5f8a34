import type { Mode } from '../api.js';
import { h } from '../dom.js';
import type { MessageKey } from '../i18n/en.js';
import { t } from '../i18n/i18n.js';

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

/** A mode's name in the current language. */
export const modeName = (mode: Mode): string => t(MODE_KEYS[mode][0]);
/** What a mode means, in a few words. */
export const modeHelp = (mode: Mode): string => t(MODE_KEYS[mode][1]);
/** A mode as a badge with its meaning as a tooltip. */
export const modeBadge = (mode: Mode) => h('span', { class: `mode mode-${mode}`, title: modeHelp(mode) }, modeName(mode));
