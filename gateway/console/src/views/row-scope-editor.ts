/**
 * The row scope editor, used by a grant's scope dialog and the purpose editor (the purpose's scope is
 * the ceiling of its grants'): every record, or provinces, district and commune codes, a date range on
 * the records' main date and the links that admit persons. It shows the chosen scope in words as the
 * gateway will say it, and, when a current scope is given, whether the change applies at once or
 * waits for a second officer.
 */
import { dayField, dayInput } from '../date-input.js';
import { h, uid } from '../dom.js';
import { currentLang, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import {
  beyondCeiling,
  choiceOfScope,
  type RowLink,
  type RowScope,
  SCOPE_LINKS,
  SCOPE_PROVINCES,
  scopeChange,
  scopeOfChoice,
  scopeWords,
} from '../row-scope-choice.js';
import { checkbox, field, input } from '../ui.js';

const LINK_KEYS: Record<RowLink, MessageKey> = { person_in_health_case: 'linkPersonInHealthCase', victim_in_case: 'linkVictimInCase' };

export interface RowScopeEditor {
  readonly element: HTMLElement;
  /** The scope chosen now (null: every record). */
  value(): RowScope;
}

/**
 * An editor starting from `initial`. `current`, when given, is the scope in force: the editor then
 * says whether the change narrows (at once) or widens (a second officer). `ceiling`, when given, is
 * the purpose's scope a grant's must lie within.
 */
export function rowScopeEditor(legend: string, initial: RowScope, opts: { current?: RowScope; ceiling?: RowScope } = {}): RowScopeEditor {
  const start = choiceOfScope(initial);
  const lang = currentLang();
  const every = checkbox('scope_every', t('scopeEveryRecord'), { checked: start.everyRecord });
  const provinces = h(
    'select',
    { id: uid('scope-provinces'), name: 'scope_provinces', multiple: true, size: 6, 'aria-describedby': 'scope-provinces-help' },
    ...SCOPE_PROVINCES.map((p) => h('option', { value: p.code, selected: start.provinces.includes(p.code) }, `${lang === 'km' ? p.km : p.en} (${p.code})`)),
  );
  const codes = input({ name: 'scope_codes', value: start.codes, class: 'mono', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' });
  // Days in the chosen language's format (`date-input.ts`); the scope holds them as ISO 8601.
  const from = dayInput('scope_from', start.from);
  const until = dayInput('scope_until', start.until);
  const links = SCOPE_LINKS.map((l) => ({ link: l, ...checkbox('scope_links', t(LINK_KEYS[l]), { value: l, checked: start.links.includes(l) }) }));
  const words = h('output', { class: 'scope-words', 'data-scope-words': '', 'aria-live': 'polite' });
  const effect = h('p', { class: 'scope-effect', 'aria-live': 'polite' });
  const limits = h(
    'div',
    { class: 'scope-limits' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: provinces.id }, t('scopeProvinces')),
      provinces,
      h('p', { class: 'help', id: 'scope-provinces-help' }, t('scopeProvincesHelp')),
    ),
    field(t('scopeCodes'), codes, t('scopeCodesHelp')),
    h('div', { class: 'date-range' }, dayField(t('scopeFrom'), from), dayField(t('scopeUntil'), until)),
    h('p', { class: 'help' }, t('scopeDatesHelp')),
    h('fieldset', { class: 'checks' }, h('legend', {}, t('scopeLinks')), ...links.map((l) => l.element), h('p', { class: 'help' }, t('scopeLinksHelp'))),
  );
  const value = (): RowScope =>
    scopeOfChoice({
      everyRecord: every.box.checked,
      provinces: [...provinces.selectedOptions].map((o) => o.value),
      codes: codes.value,
      from: from.day() ?? '',
      until: until.day() ?? '',
      links: links.filter((l) => l.box.checked).map((l) => l.link),
    });
  const show = () => {
    for (const el of [provinces, codes, from.input, until.input, ...links.map((l) => l.box)]) el.disabled = every.box.checked;
    const scope = value();
    words.textContent = scopeWords(scope, currentLang());
    const notes: string[] = [];
    if (opts.ceiling !== undefined && beyondCeiling(opts.ceiling, scope).length > 0)
      notes.push(t('scopeBeyondPurpose', { ceiling: scopeWords(opts.ceiling, currentLang()) }));
    if (opts.current !== undefined) {
      const change = scopeChange(opts.current, scope);
      notes.push(t(change.kind === 'same' ? 'scopeSame' : change.kind === 'narrows' ? 'scopeNarrows' : 'scopeWidens'));
      effect.dataset.scopeChange = change.kind;
    }
    effect.textContent = notes.join(' ');
    effect.className = `scope-effect ${notes.length > 1 || effect.dataset.scopeChange === 'widens' ? 'callout callout-warn' : 'muted'}`;
  };
  for (const el of [every.box, provinces, codes, from.input, until.input, ...links.map((l) => l.box)]) {
    el.addEventListener('input', show);
    el.addEventListener('change', show);
  }
  show();
  return {
    element: h('fieldset', { class: 'row-scope' }, h('legend', {}, legend), every.element, limits, h('p', {}, `${t('scopeInWords')}: `, words), effect),
    value,
  };
}
