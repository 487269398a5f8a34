/**
 * The registry: agencies, their systems (partners and data owners), privacy officers, and the
 * officers whose viewers enrol with a one-time code. Registering an agency applies at once;
 * registering a client or an officer, new keys, a new enrolment code and re-activation wait for a
 * second privacy officer (the gateway opens the request; Approvals shows it). Suspending applies
 * at once.
 */
import type { Agency, Client, Officer } from '../api.js';
import { h } from '../dom.js';
import { dateTime, num, t } from '../i18n/i18n.js';
import { clientKindKey } from '../request-words.js';
import { badge, field, formValue, ID_PATTERN, input, openDialog, reasonField, statusText } from '../ui.js';
import { agencyName, type ViewContext } from './context.js';
import { newClientDialog, newKeysDialog } from './registry-clients.js';
import { filteredList } from './list-tools.js';
import { newOfficerDialog } from './registry-officers.js';

export async function registryView(ctx: ViewContext): Promise<HTMLElement> {
  const [agencies, clients, officers, types, pending] = await Promise.all([
    ctx.api.agencies(),
    ctx.api.clients(),
    ctx.api.officers(),
    ctx.api.recordTypes(),
    ctx.api.adminRequests(),
  ]);
  const waiting = new Set(pending.map((r) => r.target_id));
  const systems = clients.filter((c) => c.kind !== 'officer');
  const agencyFilter = { name: 'agency', label: t('agency'), options: agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })) };
  const statusFilter = { name: 'status', label: t('status'), options: (['active', 'suspended'] as const).map((v) => ({ value: v, label: statusText(v) })) };
  const head = (id: string, title: string, button: HTMLElement) => h('div', { class: 'section-head' }, h('h2', { id }, title), button);
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, t('registryTitle'))),
    h('p', { class: 'muted' }, t('registryIntro')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'agencies-title' },
      head('agencies-title', t('agenciesTitle'), h('button', { type: 'button', class: 'primary', onclick: () => newAgencyDialog(ctx) }, t('newAgency'))),
      agencyTable(agencies),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'clients-title' },
      head(
        'clients-title',
        t('clientsTitle'),
        h('button', { type: 'button', class: 'primary', onclick: () => newClientDialog(ctx, agencies, types) }, t('newClient')),
      ),
      h('p', { class: 'muted' }, t('clientsIntro')),
      systems.length === 0
        ? h('p', {}, t('noClients'))
        : filteredList('clients', systems, {
            reading: {
              text: (c) => `${c.name} ${c.id} ${agencyName(agencies, c.agency_id)} ${c.agency_id}`,
              value: (c, name) => (name === 'kind' ? c.kind : name === 'agency' ? c.agency_id : c.status),
              ended: () => false,
            },
            filters: [
              {
                name: 'kind',
                label: t('clientKind'),
                options: [...new Set(systems.map((c) => c.kind))].map((k) => ({ value: k, label: t(clientKindKey(k)) })),
              },
              agencyFilter,
              statusFilter,
            ],
            table: (page) => clientTable(ctx, page, agencies, waiting),
            empty: t('noMatchingItems'),
          }),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'officers-title' },
      head(
        'officers-title',
        t('officersTitle'),
        h('button', { type: 'button', class: 'primary', onclick: () => newOfficerDialog(ctx, agencies) }, t('newOfficer')),
      ),
      h('p', { class: 'muted' }, t('officersIntro')),
      officers.length === 0
        ? h('p', {}, t('noOfficers'))
        : filteredList('officers', officers, {
            reading: {
              text: (o) => `${o.name} ${o.id} ${agencyName(agencies, o.agency_id)} ${o.agency_id}`,
              value: (o, name) => (name === 'agency' ? o.agency_id : o.status),
              ended: () => false,
            },
            filters: [agencyFilter, statusFilter],
            table: (page) => officerTable(ctx, page, agencies, waiting),
            empty: t('noMatchingItems'),
          }),
    ),
  );
}

const table = (columns: readonly string[], rows: readonly HTMLElement[]) =>
  h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)));

function agencyTable(agencies: readonly Agency[]): HTMLElement {
  return table(
    [t('agencyId'), t('agencyNameEn'), t('agencyNameKm')],
    agencies.map((a) => h('tr', { 'data-agency': a.id }, h('td', { class: 'mono' }, a.id), h('td', {}, a.name), h('td', { lang: 'km' }, a.name_km ?? ''))),
  );
}

function newAgencyDialog(ctx: ViewContext): void {
  openDialog(
    t('newAgency'),
    [
      field(
        t('agencyId'),
        input({ name: 'id', required: true, pattern: ID_PATTERN, title: t('idHelp'), autocomplete: 'off', spellcheck: 'false' }),
        t('idHelp'),
      ),
      field(t('agencyNameEn'), input({ name: 'name', required: true, maxlength: 200 })),
      field(t('agencyNameKm'), input({ name: 'name_km', maxlength: 200, lang: 'km' })),
    ],
    t('newAgency'),
    async (form) => {
      const nameKm = formValue(form, 'name_km');
      await ctx.api.createAgency({ id: formValue(form, 'id'), name: formValue(form, 'name'), ...(nameKm === '' ? {} : { name_km: nameKm }) });
      ctx.announce(t('agencyCreated'));
      ctx.refresh();
    },
  );
}

/** A client's or officer's status, with a word on a re-activation or registration that waits. */
const statusCell = (status: Client['status'], waiting: boolean) =>
  h('td', {}, badge(statusText(status), status), waiting ? h('div', { class: 'muted' }, t('waitsForSecond')) : null);

function clientTable(ctx: ViewContext, clients: readonly Client[], agencies: readonly Agency[], waiting: ReadonlySet<string>): HTMLElement {
  return table(
    [t('clientName'), t('clientKind'), t('agency'), t('status'), t('signingKeys'), t('actions')],
    clients.map((c) => {
      const label = `${c.name} (${c.id})`;
      const button = (text: string, onclick: () => void) =>
        h('button', { type: 'button', class: 'secondary', onclick, 'aria-label': `${text}: ${label}` }, text);
      return h(
        'tr',
        { 'data-client': c.id },
        h('td', {}, c.name, h('div', { class: 'muted mono' }, c.id), c.roles.includes('leadership') ? badge(t('roleLeadership'), 'live') : null),
        h(
          'td',
          {},
          t(clientKindKey(c.kind)),
          c.ingest_types.length === 0 ? null : h('div', { class: 'muted' }, `${t('ingestTypes')}: ${c.ingest_types.join(', ')}`),
        ),
        h('td', {}, agencyName(agencies, c.agency_id)),
        statusCell(c.status, waiting.has(c.id)),
        h('td', {}, num(c.signing_jwks.keys.length)),
        h(
          'td',
          {},
          h(
            'div',
            { class: 'actions' },
            c.kind === 'privacy_officer' && c.id === ctx.session.officer ? null : statusButton(ctx, c.id, label, c.status, button),
            c.kind === 'privacy_officer' ? null : button(t('newKeys'), () => newKeysDialog(ctx, c)),
          ),
        ),
      );
    }),
  );
}

/** Suspend (at once) or ask to resume (waits for a second officer). */
function statusButton(
  ctx: ViewContext,
  id: string,
  label: string,
  status: Client['status'],
  button: (text: string, onclick: () => void) => HTMLElement,
): HTMLElement {
  const op = status === 'active' ? 'suspend' : 'resume';
  return button(t(op), () =>
    openDialog(
      `${t(op)}: ${label}`,
      [h('p', { class: op === 'suspend' ? 'alert alert-warn' : 'muted' }, t(op === 'suspend' ? 'suspendClientNote' : 'resumeClientNote')), reasonField()],
      t(op),
      async (form) => {
        const changed = await ctx.api.changeClient(id, { status: op === 'suspend' ? 'suspended' : 'active', reason: formValue(form, 'reason') });
        ctx.announce(changed.pending_requests.length > 0 ? t('resumeClientRequested') : t('done'));
        ctx.refresh();
      },
      { danger: op === 'suspend' },
    ),
  );
}

function officerTable(ctx: ViewContext, officers: readonly Officer[], agencies: readonly Agency[], waiting: ReadonlySet<string>): HTMLElement {
  return table(
    [t('officerName'), t('agency'), t('status'), t('enrolment'), t('actions')],
    officers.map((o) => {
      const label = `${o.name} (${o.id})`;
      const button = (text: string, onclick: () => void) =>
        h('button', { type: 'button', class: 'secondary', onclick, 'aria-label': `${text}: ${label}` }, text);
      return h(
        'tr',
        { 'data-officer-row': o.id },
        h('td', {}, o.name, h('div', { class: 'muted mono' }, o.id)),
        h('td', {}, agencyName(agencies, o.agency_id)),
        statusCell(o.status, waiting.has(o.id)),
        h('td', {}, o.enrolled ? t('enrolled') : o.code_expires_at !== null ? t('codeOpenUntil', { when: dateTime(o.code_expires_at) }) : t('notEnrolled')),
        h(
          'td',
          {},
          h(
            'div',
            { class: 'actions' },
            statusButton(ctx, o.id, label, o.status, button),
            button(t('newEnrolmentCode'), () =>
              openDialog(
                `${t('newEnrolmentCode')}: ${label}`,
                [h('p', { class: 'alert alert-warn' }, t('newEnrolmentCodeNote')), reasonField()],
                t('newEnrolmentCode'),
                async (form) => {
                  await ctx.api.newEnrolmentCode(o.id, formValue(form, 'reason'));
                  ctx.announce(t('enrolmentCodeRequested'));
                  ctx.refresh();
                },
                { danger: true },
              ),
            ),
          ),
        ),
      );
    }),
  );
}
