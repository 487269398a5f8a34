/**
 * Who saw what: the disclosure log, newest first, filtered by agency, officer or system, purpose,
 * grant, record type, outcome and dates (calendar days of the chosen zone), a page at a time. Each
 * row's log entry is checked in this browser against the signed checkpoint (`log-proof.ts`); the
 * filtered rows export as CSV. Rows name no person: the gateway holds keyed hashes only and gives
 * back how many persons an answer concerned. Filters stay in memory, never in the address.
 */
import { zonedInstant } from '@need2know/zoned-time';
import type { Agency, DisclosureLogQuery, DisclosureLogRow, Purpose } from '../api.js';
import { dayField, dayInput } from '../date-input.js';
import { h } from '../dom.js';
import type { MessageKey } from '../i18n/en.js';
import { currentZone, dateTime, num, t, zoneLabel } from '../i18n/i18n.js';
import { badge, field, problemBox, select } from '../ui.js';
import { agencyName, purposeName, purposeTitle, type ViewContext } from './context.js';
import { exportCsv } from './disclosure-export.js';
import { proveLogEntry } from './log-proof.js';
import { disclosedFieldsText } from './modes.js';
import { fillReferences, type ReferenceCell } from './log-reference.js';

/** Rows on one page of the view. */
const PAGE_ROWS = 25;

const OUTCOME_KEYS: Record<string, MessageKey> = {
  disclosed: 'outcomeDisclosed',
  not_found: 'outcomeNotFound',
  rate_limited: 'outcomeRateLimited',
  key_destroyed: 'outcomeKeyDestroyed',
  reason_required: 'outcomeReasonRequired',
  reason_invalid: 'outcomeReasonInvalid',
  media_too_large: 'outcomeMediaTooLarge',
};
const outcomeText = (o: string) => (OUTCOME_KEYS[o] === undefined ? o : t(OUTCOME_KEYS[o]));

/** The filters chosen, kept for this page load (dates as calendar days of the zone). */
interface Filters {
  agency: string;
  client: string;
  purpose: string;
  grant: string;
  recordType: string;
  outcome: string;
  fromDay: string;
  toDay: string;
}
let filters: Filters = { agency: '', client: '', purpose: '', grant: '', recordType: '', outcome: '', fromDay: '', toDay: '' };
/** Cursors of the pages before the one shown (the first page has none). */
let cursors: (string | undefined)[] = [undefined];

const dayStart = (day: string): string | undefined => {
  const ms = day === '' ? null : zonedInstant(currentZone(), day, '00:00');
  return ms === null ? undefined : new Date(ms).toISOString();
};
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The API query of the chosen filters. */
function query(f: Filters): DisclosureLogQuery {
  const q: Record<string, string> = {};
  if (f.agency !== '') q.agency_id = f.agency;
  if (f.client !== '') q.client_id = f.client;
  if (f.purpose !== '') q.purpose_id = f.purpose;
  if (f.grant !== '') q.grant_id = f.grant;
  if (f.recordType !== '') q.record_type = f.recordType;
  if (f.outcome !== '') q.outcome = f.outcome;
  const from = dayStart(f.fromDay);
  const to = f.toDay === '' ? undefined : dayStart(nextDay(f.toDay));
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  return q as DisclosureLogQuery;
}

export async function disclosureLogView(ctx: ViewContext): Promise<HTMLElement> {
  const [agencies, purposes, clients, officers, grants, types] = await Promise.all([
    ctx.api.agencies(),
    ctx.api.purposes(),
    ctx.api.clients(),
    ctx.api.officers(),
    ctx.api.grants(),
    ctx.api.recordTypes(),
  ]);
  const page = await ctx.api.disclosures({ ...query(filters), limit: PAGE_ROWS, ...(cursors.at(-1) === undefined ? {} : { cursor: cursors.at(-1) }) });
  const any = { value: '', label: t('anyValue') };
  const who = [...officers.map((o) => ({ value: o.id, label: `${o.name} (${o.id})` })), ...clients.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }))];
  const controls = {
    agency: select([any, ...agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) }))], filters.agency, { name: 'agency' }),
    client: select([any, ...who], filters.client, { name: 'client' }),
    purpose: select([any, ...purposes.map((p) => ({ value: p.id, label: purposeName(p) }))], filters.purpose, { name: 'purpose' }),
    grant: select(
      [any, ...grants.map((g) => ({ value: g.id, label: `${purposeTitle(purposes, g.purpose_id)} → ${agencyName(agencies, g.agency_id)} (${g.id})` }))],
      filters.grant,
      { name: 'grant' },
    ),
    recordType: select([any, ...types.map((r) => ({ value: r.name, label: r.title }))], filters.recordType, { name: 'record_type' }),
    outcome: select([any, ...Object.keys(OUTCOME_KEYS).map((o) => ({ value: o, label: outcomeText(o) }))], filters.outcome, { name: 'outcome' }),
  };
  // Days in the chosen language's format (`date-input.ts`); the query sends them as instants.
  const days = { fromDay: dayInput('from_day', filters.fromDay), toDay: dayInput('to_day', filters.toDay) };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': t('logFilters') },
    field(t('agency'), controls.agency),
    field(t('officerOrSystem'), controls.client),
    field(t('purpose'), controls.purpose),
    field(t('grant'), controls.grant),
    field(t('recordType'), controls.recordType),
    field(t('outcome'), controls.outcome),
    dayField(t('fromDay'), days.fromDay, zoneLabel(currentZone())),
    dayField(t('toDay'), days.toDay),
    h(
      'div',
      { class: 'form-buttons' },
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            filters = { agency: '', client: '', purpose: '', grant: '', recordType: '', outcome: '', fromDay: '', toDay: '' };
            cursors = [undefined];
            ctx.refresh();
          },
        },
        t('clearFilters'),
      ),
      h('button', { type: 'submit', class: 'primary' }, t('applyFilters')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The form is sent only when both days read as days (or are empty): the inputs tell its own check.
    filters = {
      ...(Object.fromEntries(Object.entries(controls).map(([k, el]) => [k, el.value])) as Omit<Filters, 'fromDay' | 'toDay'>),
      fromDay: days.fromDay.day() ?? '',
      toDay: days.toDay.day() ?? '',
    };
    cursors = [undefined];
    ctx.refresh();
  });

  const exportStatus = h('span', { class: 'muted', 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'button', class: 'secondary', onclick: () => void exportCsv(ctx, query(filters), exportStatus) }, t('exportCsv'));
  const names = { agencies, purposes };
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, t('navDisclosures'))),
    h('p', { class: 'muted' }, t('logIntro')),
    h('section', { class: 'card' }, form),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'log-rows' },
      h('div', { class: 'card-head' }, h('h2', { id: 'log-rows' }, t('logRows')), exportButton, exportStatus),
      page.disclosures.length === 0 ? h('p', { 'data-log-rows': '0' }, t('noLogRows')) : logTable(ctx, page.disclosures, names),
      h(
        'div',
        { class: 'form-buttons pager' },
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: cursors.length <= 1,
            onclick: () => {
              cursors = cursors.slice(0, -1);
              ctx.refresh();
            },
          },
          `← ${t('newerRows')}`,
        ),
        h('span', { class: 'muted', 'data-log-page': cursors.length }, t('logPage', { n: num(cursors.length) })),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            disabled: page.next === null,
            onclick: () => {
              if (page.next === null) return;
              cursors = [...cursors, page.next];
              ctx.refresh();
            },
          },
          `${t('olderRows')} →`,
        ),
      ),
    ),
  );
}

function logTable(ctx: ViewContext, rows: readonly DisclosureLogRow[], names: { agencies: readonly Agency[]; purposes: readonly Purpose[] }): HTMLElement {
  // Each row's stated reference, read from its log entry once the table is drawn (`log-reference.ts`).
  const references: ReferenceCell[] = [];
  const referenceCell = (r: DisclosureLogRow): HTMLElement => {
    const cell = h('td', { class: 'mono', 'data-reference': r.log_index === null ? '' : null }, r.log_index === null ? '—' : '…');
    if (r.log_index !== null) references.push({ index: r.log_index, id: r.id, cell });
    return cell;
  };
  queueMicrotask(() => void fillReferences(ctx.api, references));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { 'data-log-rows': rows.length },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            t('when'),
            t('agency'),
            t('officerOrSystem'),
            t('purpose'),
            t('statedReference'),
            t('action'),
            t('fields'),
            t('outcome'),
            t('persons'),
            t('logEntry'),
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-disclosure': r.id, 'data-outcome': r.outcome },
            h('td', {}, h('time', { datetime: r.at }, dateTime(r.at))),
            h('td', {}, agencyName(names.agencies, r.agency)),
            h('td', { class: 'mono' }, r.client),
            h('td', {}, purposeTitle(names.purposes, r.purpose), h('div', { class: 'muted mono' }, r.grant)),
            referenceCell(r),
            h('td', {}, `${r.action} · ${r.record_type}`),
            h('td', { 'data-fields': Object.keys(r.fields).join(' ') }, disclosedFieldsText(r.fields)),
            h('td', {}, badge(outcomeText(r.outcome), r.outcome === 'disclosed' ? 'active' : 'pending')),
            h('td', {}, num(r.persons)),
            h('td', {}, r.log_index === null ? '—' : entryCell(ctx, r.log_index, r.id)),
          ),
        ),
      ),
    ),
  );
}

/** The row's log entry: a button that checks it in the browser and then shows it. */
function entryCell(ctx: ViewContext, index: number, id: string): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'aria-label': t('checkEntryOf', { index: num(index) }),
      onclick: () => {
        button.disabled = true;
        out.replaceChildren(t('loading'));
        proveLogEntry(ctx.api, index, id)
          .then((proof) =>
            out.replaceChildren(
              proof.ok
                ? h(
                    'div',
                    { class: 'ok', 'data-proof': 'ok' },
                    `✓ ${t('entryProven', { index: num(index), size: num(proof.size) })}`,
                    h('details', {}, h('summary', {}, t('logEntry')), h('pre', { class: 'mono wrap' }, JSON.stringify(proof.entry, null, 2))),
                  )
                : h('div', { class: 'bad', role: 'alert', 'data-proof': proof.why }, `✗ ${t('entryNotProven')} (${proof.why})`),
            ),
          )
          .catch((err: unknown) => out.replaceChildren(problemBox(err)))
          .finally(() => (button.disabled = false));
      },
    },
    `#${index}`,
  );
  return h('div', {}, button, out);
}
