/**
 * Grants and windows: the timeline, the list of grants with what can be done to each, and the form
 * that requests a new one. Opening, extending and resuming wait for a second officer (the gateway
 * says so by leaving a pending request); shortening, suspending and revoking apply at once.
 */
import type { Agency, Grant, GrantStatus, Purpose } from '../api.js';
import { dateTimePicker, toMinute } from '../datetime-picker.js';
import { h } from '../dom.js';
import { leadershipState } from '../grant-options.js';
import { currentLang, dateTime, num, span, t } from '../i18n/i18n.js';
import { scopeWords } from '../row-scope-choice.js';
import { badge, formValue, openDialog, reasonField, statusText } from '../ui.js';
import { agencyName, purposeName, purposeTitle, type ViewContext } from './context.js';
import { newGrantDialog } from './grant-form.js';
import { scopeDialog } from './grant-scope.js';
import { asksText } from './leadership.js';
import { filteredList } from './list-tools.js';
import { timelineSection } from './timeline.js';

const GRANT_STATUSES: readonly GrantStatus[] = ['pending', 'active', 'suspended', 'revoked', 'expired'];

export async function grantsView(ctx: ViewContext): Promise<HTMLElement> {
  const [grants, purposes, agencies] = await Promise.all([ctx.api.grants(), ctx.api.purposes(), ctx.api.agencies()]);
  const now = Date.now();
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: -1 }, t('navGrants')),
      h('button', { type: 'button', class: 'primary', onclick: () => newGrantDialog(ctx, purposes, agencies) }, t('newGrant')),
    ),
    timelineSection(grants, purposes, agencies, now),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'grants-title' },
      h('h2', { id: 'grants-title' }, t('grantsTitle')),
      grants.length === 0
        ? h('p', {}, t('noGrants'))
        : filteredList('grants', grants, {
            reading: {
              text: (g) => `${purposeTitle(purposes, g.purpose_id)} ${g.purpose_id} ${agencyName(agencies, g.agency_id)} ${g.agency_id} ${g.id} ${g.note}`,
              value: (g, name) => (name === 'status' ? g.status : name === 'agency' ? g.agency_id : g.purpose_id),
              ended: (g) => g.status === 'revoked' || g.status === 'expired',
            },
            filters: [
              { name: 'status', label: t('status'), options: GRANT_STATUSES.map((s) => ({ value: s, label: statusText(s) })) },
              { name: 'agency', label: t('agency'), options: agencies.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })) },
              { name: 'purpose', label: t('purpose'), options: purposes.map((p) => ({ value: p.id, label: purposeName(p) })) },
            ],
            hideEnded: true,
            table: (page) => grantTable(ctx, page, purposes, agencies),
            empty: t('noMatchingItems'),
          }),
    ),
  );
}

function grantTable(ctx: ViewContext, grants: readonly Grant[], purposes: readonly Purpose[], agencies: readonly Agency[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grants' },
      h(
        'thead',
        {},
        h('tr', {}, ...[t('purpose'), t('agency'), t('status'), t('window'), t('dataLife'), t('actions')].map((c) => h('th', { scope: 'col' }, c))),
      ),
      h(
        'tbody',
        {},
        ...grants.map((g) => {
          const pending = g.requests.find((r) => r.status === 'pending');
          return h(
            'tr',
            { 'data-grant': g.id, class: g.live ? 'row-live' : '' },
            h('td', {}, purposeTitle(purposes, g.purpose_id), h('div', { class: 'muted mono' }, g.id), ...grantTerms(g)),
            h('td', {}, agencyName(agencies, g.agency_id)),
            h(
              'td',
              {},
              badge(statusText(g.status), g.status),
              g.live ? badge(t('liveNow'), 'live') : null,
              pending === undefined
                ? null
                : h('div', { class: 'muted' }, t('pendingRequest', { action: requestAction(pending), officer: pending.requested_by })),
            ),
            h(
              'td',
              {},
              h('time', { datetime: g.not_before }, dateTime(g.not_before)),
              ' – ',
              h('time', { datetime: g.not_after }, dateTime(g.not_after)),
              h('div', { class: 'muted' }, span((Date.parse(g.not_after) - Date.parse(g.not_before)) / 1000)),
            ),
            h('td', {}, span(g.data_life_seconds)),
            h('td', {}, h('div', { class: 'actions' }, ...operations(ctx, g, purposes))),
          );
        }),
      ),
    ),
  );
}

/** What a grant asks beyond its window, in words: its row scope, listed records only, and what it asks of leadership. */
export function grantTerms(g: Grant): HTMLElement[] {
  const out: HTMLElement[] = [h('div', { class: 'muted', 'data-row-scope': '' }, `${t('rowScope')}: ${g.row_scope_words[currentLang()]}`)];
  if (g.record_ids !== null)
    out.push(h('div', { class: 'muted', 'data-record-ids': g.record_ids.length }, t('onlyListedRecords', { n: num(g.record_ids.length) })));
  const state = leadershipState(g, { id: '', roles: [] });
  if (state !== null)
    out.push(
      h(
        'div',
        { class: 'muted', 'data-leadership': state.inForce },
        t('asksLeadership', { asks: asksText(state.asks), n: num(state.inForce), needed: num(state.needed) }),
      ),
    );
  return out;
}

/** The wording of a pending request's action. */
export function requestAction(r: Pick<Grant['requests'][number], 'action' | 'new_not_after' | 'new_row_scope'>): string {
  if (r.action === 'extend' && r.new_not_after !== null) return t('actionExtend', { when: dateTime(r.new_not_after) });
  if (r.action === 'scope') return t('actionScope', { scope: scopeWords(r.new_row_scope ?? null, currentLang()) });
  return r.action === 'resume' ? t('actionResume') : t('actionActivate');
}

/** Buttons for what can be asked of the grant in its state; the gateway has the last word. */
function operations(ctx: ViewContext, g: Grant, purposes: readonly Purpose[]): HTMLElement[] {
  if (g.status === 'revoked' || g.status === 'expired') return [];
  const title = purposeTitle(purposes, g.purpose_id);
  const button = (label: string, onclick: () => void, cls = 'secondary') =>
    h('button', { type: 'button', class: cls, onclick, 'aria-label': `${label}: ${title} (${g.id})` }, label);
  const out: HTMLElement[] = [];
  if (g.status !== 'pending') out.push(button(t('extend'), () => windowDialog(ctx, g, title, 'extend')));
  out.push(button(t('shorten'), () => windowDialog(ctx, g, title, 'shorten')));
  if (g.status === 'active') out.push(button(t('suspend'), () => reasonDialog(ctx, g, title, 'suspend')));
  if (g.status === 'suspended') out.push(button(t('resume'), () => reasonDialog(ctx, g, title, 'resume')));
  out.push(button(t('rowScope'), () => scopeDialog(ctx, g, title, purposes.find((p) => p.id === g.purpose_id)?.row_scope ?? null)));
  out.push(button(t('revoke'), () => reasonDialog(ctx, g, title, 'revoke'), 'danger'));
  return out;
}

/** Extends or shortens `g`'s window; the dialog is titled by the grant's purpose (`title`), not its id. */
function windowDialog(ctx: ViewContext, g: Grant, title: string, op: 'extend' | 'shorten'): void {
  const current = Date.parse(g.not_after);
  const picker = dateTimePicker(
    t('newEnd'),
    'not_after',
    op === 'extend' ? current + 24 * 3600_000 : Math.max(toMinute(Date.now()) + 3600_000, Date.parse(g.not_before) + 3600_000),
  );
  openDialog(
    `${t(op)}: ${title}`,
    [h('p', {}, `${t('windowEnd')}: ${dateTime(g.not_after)}`), picker.element, reasonField(op === 'extend')],
    t(op),
    async (form) => {
      const notAfter = picker.value();
      if (notAfter === null) return;
      const updated = await ctx.api.grantOperation(g.id, op, { not_after: notAfter, reason: formValue(form, 'reason') });
      ctx.announce(updated.requests.some((r) => r.status === 'pending' && r.action === 'extend') && op === 'extend' ? t('extendRequested') : t('done'));
      ctx.refresh();
    },
  );
}

function reasonDialog(ctx: ViewContext, g: Grant, title: string, op: 'suspend' | 'resume' | 'revoke'): void {
  const body: Node[] = op === 'revoke' ? [h('p', { class: 'alert alert-warn' }, t('confirmRevoke'))] : [];
  openDialog(
    `${t(op)}: ${title}`,
    [...body, reasonField()],
    t(op),
    async (form) => {
      await ctx.api.grantOperation(g.id, op, { reason: formValue(form, 'reason') });
      ctx.announce(op === 'resume' ? t('resumeRequested') : t('done'));
      ctx.refresh();
    },
    { danger: op === 'revoke' },
  );
}
