/**
 * A list fit for work: a search box, filters, "hide ended" and a pager above and below a table,
 * redrawing only the table as the officer types (the choice is kept for this page load, never in
 * the address). Which items show is `list-view.ts`'s pure rule.
 */
import { h, uid } from '../dom.js';
import { num, t } from '../i18n/i18n.js';
import { type ListChoice, type ListReading, listPage } from '../list-view.js';
import { checkbox, field, select } from '../ui.js';

/** Rows on one page of a list. */
export const LIST_PAGE_ROWS = 20;

const choices = new Map<string, ListChoice>();

/** One filter of a list: a select of its values. */
export interface ListFilter {
  readonly name: string;
  readonly label: string;
  readonly options: readonly { value: string; label: string }[];
}

export interface ListSpec<T> {
  readonly reading: ListReading<T>;
  readonly filters: readonly ListFilter[];
  /** Offer "hide ended", on by default. */
  readonly hideEnded?: boolean;
  /** The table of one page of items. */
  readonly table: (items: readonly T[]) => HTMLElement;
  /** What to say when nothing matches. */
  readonly empty: string;
}

/** The list `name` of `items`, with its tools. */
export function filteredList<T>(name: string, items: readonly T[], spec: ListSpec<T>): HTMLElement {
  let choice: ListChoice = choices.get(name) ?? { search: '', filters: {}, hideEnded: spec.hideEnded === true, page: 1 };
  const holder = h('div', {});
  const summary = h('span', { class: 'muted', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary small' }, `← ${t('previousPage')}`);
  const next = h('button', { type: 'button', class: 'secondary small' }, `${t('nextPage')} →`);
  const draw = () => {
    choices.set(name, choice);
    const page = listPage(items, choice, spec.reading, LIST_PAGE_ROWS);
    holder.replaceChildren(page.total === 0 ? h('p', { 'data-list-empty': name }, spec.empty) : spec.table(page.items));
    summary.textContent = t('listShowing', {
      from: num(page.total === 0 ? 0 : (page.page - 1) * LIST_PAGE_ROWS + 1),
      to: num((page.page - 1) * LIST_PAGE_ROWS + page.items.length),
      total: num(page.total),
    });
    summary.dataset.listTotal = String(page.total);
    previous.disabled = page.page <= 1;
    next.disabled = page.page >= page.pages;
    choice = { ...choice, page: page.page };
  };
  const change = (patch: Partial<ListChoice>) => {
    choice = { ...choice, page: 1, ...patch };
    draw();
  };
  previous.addEventListener('click', () => {
    choice = { ...choice, page: choice.page - 1 };
    draw();
  });
  next.addEventListener('click', () => {
    choice = { ...choice, page: choice.page + 1 };
    draw();
  });
  const search = h('input', { type: 'search', name: `${name}-search`, value: choice.search, autocomplete: 'off', spellcheck: 'false' });
  search.addEventListener('input', () => change({ search: search.value }));
  const selects = spec.filters.map((f) => {
    const el = select([{ value: '', label: t('anyValue') }, ...f.options], choice.filters[f.name] ?? '', {
      name: `${name}-${f.name}`,
      id: uid(`${name}-${f.name}`),
    });
    el.addEventListener('change', () => change({ filters: { ...choice.filters, [f.name]: el.value } }));
    return field(f.label, el);
  });
  const hide = spec.hideEnded === undefined ? null : checkbox(`${name}-hide-ended`, t('hideEnded'), { checked: choice.hideEnded });
  hide?.box.addEventListener('change', () => change({ hideEnded: hide.box.checked }));
  draw();
  return h(
    'div',
    { class: 'filtered-list', 'data-list': name },
    h('div', { class: 'list-tools', role: 'search' }, field(t('search'), search), ...selects, hide?.element),
    holder,
    h('div', { class: 'form-buttons pager' }, previous, summary, next),
  );
}
