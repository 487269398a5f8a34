/**
 * A card listing requests that wait for someone's approval: a heading, a line saying what waits, and
 * a table of the requests (or "nothing waiting"). Used by the Approvals page's leadership sections.
 */
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';

/** The card `id` names, titled `title`, with `intro` above a table of `headers` and `rows`. */
export function waitingSection(id: string, title: string, intro: string, headers: readonly string[], rows: readonly (HTMLElement | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title),
    h('p', { class: 'muted' }, intro),
    rows.length === 0
      ? h('p', {}, t('noPending'))
      : h(
          'div',
          { class: 'table-wrap' },
          h('table', {}, h('thead', {}, h('tr', {}, ...headers.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)),
        ),
  );
}
