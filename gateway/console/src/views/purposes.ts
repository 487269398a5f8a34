/**
 * Purposes: the list, and one purpose as a readable table of what each field discloses (field →
 * clear / masked / generalised / pseudonym / yes-no / none), with its legal basis, agencies and
 * limits.
 */
import type { Mode, Purpose, RecordType } from '../api.js';
import { h } from '../dom.js';
import { currentLang, num, t } from '../i18n/i18n.js';
import { badge } from '../ui.js';
import { agencyName, purposeName, type ViewContext } from './context.js';
import { filteredList } from './list-tools.js';
import { fieldName, modeBadge, modeHelp } from './modes.js';

export async function purposeListView(ctx: ViewContext): Promise<HTMLElement> {
  const [purposes, agencies] = await Promise.all([ctx.api.purposes(), ctx.api.agencies()]);
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: -1 }, t('purposesTitle')),
      h('a', { class: 'button primary', href: '#/purposes/new' }, t('newPurpose')),
    ),
    purposes.length === 0
      ? h('p', {}, t('noPurposes'))
      : h(
          'div',
          { class: 'card' },
          filteredList('purposes', purposes, {
            reading: {
              text: (p) => `${p.title} ${p.title_km ?? ''} ${p.id} ${p.legal_basis} ${p.description}`,
              value: (p, name) => (name === 'status' ? p.status : p.agencies),
              ended: (p) => p.status === 'retired',
            },
            filters: [
              {
                name: 'status',
                label: t('status'),
                options: (['active', 'retired'] as const).map((v) => ({ value: v, label: t(v === 'active' ? 'purposeActive' : 'purposeRetired') })),
              },
              { name: 'agency', label: t('agency'), options: agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })) },
            ],
            hideEnded: true,
            table: (page) =>
              h(
                'div',
                { class: 'table-wrap' },
                h(
                  'table',
                  {},
                  h(
                    'thead',
                    {},
                    h('tr', {}, ...[t('title'), t('legalBasis'), t('allowedAgencies'), t('status'), t('version')].map((c) => h('th', { scope: 'col' }, c))),
                  ),
                  h(
                    'tbody',
                    {},
                    ...page.map((p) =>
                      h(
                        'tr',
                        { 'data-purpose': p.id },
                        h('td', {}, h('a', { href: `#/purposes/${p.id}` }, purposeName(p)), h('div', { class: 'muted mono' }, p.id)),
                        h('td', {}, p.legal_basis),
                        h('td', {}, p.agencies.map((a) => agencyName(agencies, a)).join(', ')),
                        h('td', {}, badge(t(p.status === 'active' ? 'purposeActive' : 'purposeRetired'), p.status)),
                        h('td', {}, num(p.version)),
                      ),
                    ),
                  ),
                ),
              ),
            empty: t('noMatchingItems'),
          }),
        ),
  );
}

export async function purposeDetailView(ctx: ViewContext, id: string): Promise<HTMLElement> {
  const [{ purpose }, agencies, types] = await Promise.all([ctx.api.purpose(id), ctx.api.agencies(), ctx.api.recordTypes()]);
  const row = (label: string, value: Node | string) => h('div', { class: 'dl-row' }, h('dt', {}, label), h('dd', {}, value));
  return h(
    'div',
    {},
    h('p', {}, h('a', { href: '#/purposes' }, `← ${t('purposesTitle')}`)),
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: -1 }, purposeName(purpose)),
      h('a', { class: 'button secondary', href: `#/purposes/${purpose.id}/edit` }, t('editPurpose')),
    ),
    h(
      'dl',
      { class: 'card dl' },
      row(t('purposeId'), h('span', { class: 'mono' }, purpose.id)),
      row(t('title'), h('span', { lang: 'en' }, purpose.title)),
      row(t('titleKm'), purpose.title_km === null ? h('span', { class: 'muted' }, t('titleKmNone')) : h('span', { lang: 'km' }, purpose.title_km)),
      row(t('legalBasis'), purpose.legal_basis),
      purpose.description === '' ? null : row(t('description'), purpose.description),
      row(t('allowedAgencies'), purpose.agencies.map((a) => agencyName(agencies, a)).join(', ')),
      row(t('allowedActions'), purpose.actions.map((a) => t(a === 'fetch' ? 'actionFetch' : a === 'search' ? 'actionSearch' : 'actionCheck')).join(', ')),
      row(
        t('limits'),
        `${t('tokenLifetime')}: ${num(purpose.max_token_lifetime)} · ${t('requestsPerMinute')}: ${num(purpose.requests_per_minute)} · ${t('personsPerHour')}: ${num(purpose.persons_per_hour)} · ${t('notificationDelay')}: ${num(purpose.notification_delay_days)}`,
      ),
      row(t('rowScope'), h('span', { 'data-row-scope': '' }, purpose.row_scope_words[currentLang()])),
      row(
        t('copyableFields'),
        h(
          'span',
          { 'data-copyable-fields': '' },
          Object.entries(purpose.copyable ?? {})
            .flatMap(([type, fields]) => fields.map((f) => `${type}.${f}`))
            .join(', ') || t('none'),
        ),
      ),
      row(t('statedReasonRule'), h('span', { 'data-reason-required': String(purpose.reason_required) }, t(purpose.reason_required ? 'yes' : 'no'))),
      row(t('status'), `${t(purpose.status === 'active' ? 'purposeActive' : 'purposeRetired')} · ${t('version')} ${num(purpose.version)}`),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'rules-title' }, h('h2', { id: 'rules-title' }, t('fieldsAndModes')), ...rulesTables(purpose, types)),
  );
}

/** One table per record type the purpose names: every field of the type and what it discloses. */
function rulesTables(purpose: Purpose, types: readonly RecordType[]): HTMLElement[] {
  return Object.entries(purpose.rules).map(([typeName, rules]) => {
    const type = types.find((x) => x.name === typeName);
    const fields = type?.fields ?? Object.keys(rules).map((name) => ({ name, description: '', when_absent: 'none' as Mode }));
    const modeOf = (f: { name: string; when_absent: Mode }): Mode => rules[f.name] ?? f.when_absent;
    const disclosed = fields.filter((f) => modeOf(f) !== 'none').length;
    return h(
      'div',
      { class: 'rules', 'data-record-type': typeName },
      h('h3', {}, `${type?.title ?? typeName} `, h('span', { class: 'muted' }, `(${t('fieldsDisclosed', { n: disclosed })})`)),
      h(
        'table',
        { class: 'rules-table' },
        h('caption', { class: 'sr-only' }, `${t('recordType')}: ${type?.title ?? typeName}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('field')), h('th', { scope: 'col' }, t('mode')), h('th', { scope: 'col' }, t('description')))),
        h(
          'tbody',
          {},
          ...fields.map((f) =>
            h(
              'tr',
              { class: modeOf(f) === 'none' ? 'row-none' : '', 'data-field': f.name },
              h('th', { scope: 'row' }, ...fieldName(f.name)),
              h('td', {}, modeBadge(modeOf(f)), h('span', { class: 'sr-only' }, ` — ${modeHelp(modeOf(f))}`)),
              h('td', { class: 'muted' }, f.description),
            ),
          ),
        ),
      ),
    );
  });
}
