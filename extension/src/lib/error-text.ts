import { hasMessage, type Translate } from './i18n/lang.js';
import type { Failure } from './messages.js';

/**
 * A refusal in words for the officer, from its stable code: never the code itself. A fetch that
 * finds nothing says so about the id; a code the catalogue does not know gets a general sentence
 * that says what to do.
 *
 * @example errorText(t, { code: 'insufficient_scope', message: '' }) // 'This purpose does not allow that: …'
 */
export function errorText(t: Translate, failure: Failure, during?: 'fetch' | 'search'): string {
  if (failure.code === 'not_found' && during === 'fetch') return t('error.fetch_not_found');
  const key = `error.${failure.code}`;
  return hasMessage(key) ? t(key) : t('error.unknown');
}
