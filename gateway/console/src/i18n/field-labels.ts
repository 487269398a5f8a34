/**
 * Field names in words for the console: the purpose editor, the purpose view and the disclosure log
 * name a field as people say it (the field's code stays beside it for the officers who write rules
 * by code). The words are the schema's (`@need2know/schema/field-labels`), the same the officer's
 * viewer shows.
 */
import { FIELD_LABELS } from '@need2know/schema/field-labels';
import type { Lang } from './i18n.js';

/**
 * The label of field `name` in `lang`, or its code when it has none.
 *
 * @example fieldLabel('phone', 'km') // 'ទូរស័ព្ទ'
 */
export const fieldLabel = (name: string, lang: Lang): string =>
  Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name as keyof typeof FIELD_LABELS][lang] : name;
