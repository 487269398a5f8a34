/**
 * What waits for a second privacy officer: grant openings, extensions and resumptions, registry
 * changes (a widened purpose, a new client or officer, new client keys or enrolment code, a
 * re-activation), and grants that wait for leadership approvals. Each says in words what approving
 * it changes and who asked; the officer who asked cannot approve it (the gateway refuses too).
 * Approving an officer or a new code shows the enrolment code, once.
 */
import type { AdminRequest, Agency, Grant, GrantRequest, Purpose } from '../api.js';
import { h } from '../dom.js';
import { dateTime, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { describeRequest, type Registry, type Sentence } from '../request-words.js';
import { formValue, openDialog, reasonField } from '../ui.js';
import { agencyName, purposeTitle, type ViewContext } from './context.js';
import { grantTerms, requestAction } from './grants.js';
import { leadershipSection } from './leadership.js';
import { originalAuditsSection } from './original-audit.js';
import { filteredList } from './list-tools.js';

const KIND_KEYS: Record<AdminRequest['kind'], MessageKey> = {
  'purpose.update': 'kindPurposeUpdate',
  'client.activate': 'kindClientActivate',
  'client.rekey': 'kindClientRekey',
  'officer.create': 'kindOfficerCreate',
  'officer.rekey': 'kindOfficerRekey',
};

/**
 * Shows the enrolment code an approval handed out: once, to the approving officer, who hands it
 * over. The gateway keeps only its hash; the console keeps it only in this dialog (not in the
 * status line, not in storage), which is removed when it closes.
 */
function showEnrolmentCode(officer: string, code: string, expiresAt: string | undefined): void {
  openDialog(
    `${t('enrolmentCodeTitle')}: ${officer}`,
    [
      h('p', { class: 'alert alert-warn', role: 'alert', 'data-shown-once': '' }, h('strong', {}, t('enrolmentCodeOnce'))),
      h('p', {}, t('enrolmentCodeHandOver')),
      h('p', { class: 'mono enrolment-code', 'data-enrolment-code': code }, code),
      ...(expiresAt === undefined ? [] : [h('p', { class: 'muted' }, `${t('enrolmentCodeValidUntil')}: ${dateTime(expiresAt)}`)]),
    ],
    t('close'),
    async () => {},
  );
}

/** A sentence of `describeRequest` in the current language. */
const say = (s: Sentence): string =>
  t(s.key, Object.fromEntries(Object.entries(s.vars).map(([k, v]) => [k, s.keyed?.includes(k) === true ? t(v as MessageKey) : v])));

export async function approvalsView(ctx: ViewContext): Promise<HTMLElement> {
  const [requests, registryRequests, grants, purposes, agencies, clients, officers, originalAudits] = await Promise.all([
    ctx.api.grantRequests(),
    ctx.api.adminRequests(),
    ctx.api.grants(),
    ctx.api.purposes(),
    ctx.api.agencies(),
    ctx.api.clients(),
    ctx.api.officers(),
    ctx.api.originalAudits(),
  ]);
  const registry: Registry = { agencies, clients, officers, purposes };
  const me = clients.find((c) => c.id === ctx.session.officer);
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, t('approvalsTitle'))),
    h('p', { class: 'muted' }, t('approvalsIntro')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'grant-requests' },
      h('h2', { id: 'grant-requests' }, t('grantRequests')),
      requests.length === 0
        ? h('p', {}, t('noPending'))
        : filteredList('grant-requests', requests, {
            reading: {
              text: (r) => {
                const g = grants.find((x) => x.id === r.grant_id);
                return `${r.grant_id} ${r.requested_by} ${r.reason} ${g === undefined ? '' : `${purposeTitle(purposes, g.purpose_id)} ${agencyName(agencies, g.agency_id)}`}`;
              },
              value: (r, name) => (name === 'action' ? r.action : (grants.find((x) => x.id === r.grant_id)?.agency_id ?? '')),
              ended: () => false,
            },
            filters: [
              {
                name: 'action',
                label: t('action'),
                options: [...new Set(requests.map((r) => r.action))].map((a) => ({
                  value: a,
                  label: requestAction({ action: a, new_not_after: null, new_row_scope: null }),
                })),
              },
              { name: 'agency', label: t('agency'), options: agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })) },
            ],
            table: (page) => grantRequestTable(ctx, page, grants, purposes, agencies),
            empty: t('noMatchingItems'),
          }),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'registry-requests' },
      h('h2', { id: 'registry-requests' }, t('registryRequests')),
      registryRequests.length === 0
        ? h('p', {}, t('noPending'))
        : filteredList('registry-requests', registryRequests, {
            reading: { text: (r) => `${r.target_id} ${r.requested_by} ${r.reason} ${t(KIND_KEYS[r.kind])}`, value: (r) => r.kind, ended: () => false },
            filters: [
              {
                name: 'kind',
                label: t('action'),
                options: [...new Set(registryRequests.map((r) => r.kind))].map((k) => ({ value: k, label: t(KIND_KEYS[k]) })),
              },
            ],
            table: (page) => registryTable(ctx, page, registry),
            empty: t('noMatchingItems'),
          }),
    ),
    leadershipSection(ctx, grants, purposes, agencies, { id: ctx.session.officer, roles: me?.roles ?? [] }),
    originalAuditsSection(ctx, originalAudits, agencies, { id: ctx.session.officer, roles: me?.roles ?? [] }),
  );
}

function decisionButtons(
  ctx: ViewContext,
  requestedBy: string,
  label: string,
  decide: (decision: 'approve' | 'reject', reason: string) => Promise<unknown>,
): HTMLElement {
  const mine = requestedBy === ctx.session.officer;
  const open = (decision: 'approve' | 'reject') =>
    openDialog(
      `${t(decision === 'approve' ? 'approve' : mine ? 'withdraw' : 'reject')}: ${label}`,
      [reasonField(decision === 'reject')],
      t(decision === 'approve' ? 'approve' : mine ? 'withdraw' : 'reject'),
      async (form) => {
        await decide(decision, formValue(form, 'reason'));
        ctx.announce(t('done'));
        ctx.refresh();
      },
      { danger: decision === 'reject' },
    );
  return h(
    'div',
    { class: 'actions' },
    mine
      ? h('p', { class: 'muted' }, t('ownRequest'))
      : h('button', { type: 'button', class: 'primary', onclick: () => open('approve'), 'aria-label': `${t('approve')}: ${label}` }, t('approve')),
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => open('reject'), 'aria-label': `${t(mine ? 'withdraw' : 'reject')}: ${label}` },
      t(mine ? 'withdraw' : 'reject'),
    ),
  );
}

function grantRequestTable(
  ctx: ViewContext,
  requests: readonly GrantRequest[],
  grants: readonly Grant[],
  purposes: readonly Purpose[],
  agencies: readonly Agency[],
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, ...[t('grant'), t('action'), t('window'), t('requestedBy'), t('reason'), t('actions')].map((c) => h('th', { scope: 'col' }, c))),
      ),
      h(
        'tbody',
        {},
        ...requests.map((r) => {
          const g = grants.find((x) => x.id === r.grant_id);
          const label = g === undefined ? r.grant_id : `${purposeTitle(purposes, g.purpose_id)} → ${agencyName(agencies, g.agency_id)}`;
          return h(
            'tr',
            { 'data-request': r.id, 'data-grant': r.grant_id },
            h('td', {}, label, h('div', { class: 'muted mono' }, r.grant_id), ...(g === undefined ? [] : grantTerms(g))),
            h('td', {}, requestAction(r)),
            h('td', {}, g === undefined ? '' : `${dateTime(g.not_before)} – ${dateTime(r.new_not_after ?? g.not_after)}`),
            h('td', {}, h('strong', {}, r.requested_by), h('div', { class: 'muted' }, dateTime(r.requested_at))),
            h('td', {}, r.reason),
            h(
              'td',
              {},
              decisionButtons(ctx, r.requested_by, label, (decision, reason) => ctx.api.decideGrantRequest(r.grant_id, r.id, decision, reason)),
            ),
          );
        }),
      ),
    ),
  );
}

function registryTable(ctx: ViewContext, requests: readonly AdminRequest[], registry: Registry): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...[t('action'), t('whatChanges'), t('requestedBy'), t('reason'), t('actions')].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...requests.map((r) => {
          const label = `${t(KIND_KEYS[r.kind])}: ${r.target_id}`;
          const words = describeRequest(
            r,
            registry,
            (id) => agencyName(registry.agencies, id),
            (id) => purposeTitle(registry.purposes, id),
          );
          return h(
            'tr',
            { 'data-request': r.id, 'data-kind': r.kind },
            h('td', {}, label),
            h('td', {}, h('ul', { class: 'change-list' }, ...words.map((w) => h('li', {}, say(w))))),
            h('td', {}, h('strong', {}, r.requested_by), h('div', { class: 'muted' }, dateTime(r.requested_at))),
            h('td', {}, r.reason),
            h(
              'td',
              {},
              decisionButtons(ctx, r.requested_by, label, async (decision, reason) => {
                const decided = await ctx.api.decideAdminRequest(r.id, decision, reason);
                if (decided.enrolment_code !== undefined)
                  showEnrolmentCode(registry.officers.find((o) => o.id === r.target_id)?.name ?? r.target_id, decided.enrolment_code, decided.code_expires_at);
              }),
            ),
          );
        }),
      ),
    ),
  );
}
