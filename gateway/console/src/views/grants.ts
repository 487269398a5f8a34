/**
 * Grants and windows: the timeline, the list of grants with what can be done to each, and the form
 * that requests a new one. Opening, extending and resuming wait for a second officer (the gateway
 * says so by leaving a pending request); shortening, suspending and revoking apply at once.
 */
import type { Agency, Grant, Purpose } from '../api.js';
import { dateTimePicker, toMinute } from '../datetime-picker.js';
import { h } from '../dom.js';
import { dateTime, span, t } from '../i18n/i18n.js';
import { badge, field, formValue, input, openDialog, problemBox, reasonField, select, statusText } from '../ui.js';
import { agencyName, purposeTitle, type ViewContext } from './context.js';
import { timelineSection } from './timeline.js';

/** Lengths offered next to the end picker; 96 hours is the outbreak window of DESIGN.md. */
const QUICK_LENGTHS_HOURS = [96, 7 * 24, 30 * 24];
/** Data life proposed for a new grant (hours), capped at the window's length. */
const DEFAULT_DATA_LIFE_HOURS = 72;

export async function grantsView(ctx: ViewContext): Promise<HTMLElement> {
  const [grants, purposes, agencies] = await Promise.all([ctx.api.grants(), ctx.api.purposes(), ctx.api.agencies()]);
  const now = Date.now();
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, t('navGrants')), h('button', { type: 'button', class: 'primary', onclick: () => newGrantDialog(ctx, purposes, agencies) }, t('newGrant'))),
    timelineSection(grants, purposes, agencies, now),
    h('section', { class: 'card', 'aria-labelledby': 'grants-title' }, h('h2', { id: 'grants-title' }, t('grantsTitle')), grants.length === 0 ? h('p', {}, t('noGrants')) : grantTable(ctx, grants, purposes, agencies)),
  );
}

function grantTable(ctx: ViewContext, grants: readonly Grant[], purposes: readonly Purpose[], agencies: readonly Agency[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grants' },
      h('thead', {}, h('tr', {}, ...[t('purpose'), t('agency'), t('status'), t('window'), t('dataLife'), t('actions')].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...grants.map((g) => {
          const pending = g.requests.find((r) => r.status === 'pending');
          return h(
            'tr',
            { 'data-grant': g.id, class: g.live ? 'row-live' : '' },
            h('td', {}, purposeTitle(purposes, g.purpose_id), h('div', { class: 'muted mono' }, g.id)),
            h('td', {}, agencyName(agencies, g.agency_id)),
            h(
              'td',
              {},
              badge(statusText(g.status), g.status),
              g.live ? badge(t('liveNow'), 'live') : null,
              pending === undefined ? null : h('div', { class: 'muted' }, t('pendingRequest', { action: requestAction(pending.action, pending.new_not_after), officer: pending.requested_by })),
            ),
            h('td', {}, h('time', { datetime: g.not_before }, dateTime(g.not_before)), ' – ', h('time', { datetime: g.not_after }, dateTime(g.not_after)), h('div', { class: 'muted' }, span((Date.parse(g.not_after) - Date.parse(g.not_before)) / 1000))),
            h('td', {}, span(g.data_life_seconds)),
            h('td', {}, h('div', { class: 'actions' }, ...operations(ctx, g, purposeTitle(purposes, g.purpose_id)))),
          );
        }),
      ),
    ),
  );
}

/** The wording of a pending request's action. */
export function requestAction(action: string, newNotAfter: string | null): string {
  if (action === 'extend' && newNotAfter !== null) return t('actionExtend', { when: dateTime(newNotAfter) });
  return action === 'resume' ? t('actionResume') : t('actionActivate');
}

/** Buttons for what can be asked of the grant in its state; the gateway has the last word. */
function operations(ctx: ViewContext, g: Grant, title: string): HTMLElement[] {
  if (g.status === 'revoked' || g.status === 'expired') return [];
  const button = (label: string, onclick: () => void, cls = 'secondary') => h('button', { type: 'button', class: cls, onclick, 'aria-label': `${label}: ${title} (${g.id})` }, label);
  const out: HTMLElement[] = [];
  if (g.status !== 'pending') out.push(button(t('extend'), () => windowDialog(ctx, g, 'extend')));
  out.push(button(t('shorten'), () => windowDialog(ctx, g, 'shorten')));
  if (g.status === 'active') out.push(button(t('suspend'), () => reasonDialog(ctx, g, 'suspend')));
  if (g.status === 'suspended') out.push(button(t('resume'), () => reasonDialog(ctx, g, 'resume')));
  out.push(button(t('revoke'), () => reasonDialog(ctx, g, 'revoke'), 'danger'));
  return out;
}

function windowDialog(ctx: ViewContext, g: Grant, op: 'extend' | 'shorten'): void {
  const current = Date.parse(g.not_after);
  const picker = dateTimePicker(t('newEnd'), 'not_after', op === 'extend' ? current + 24 * 3600_000 : Math.max(toMinute(Date.now()) + 3600_000, Date.parse(g.not_before) + 3600_000));
  openDialog(`${t(op)} — ${g.id}`, [h('p', {}, `${t('windowEnd')}: ${dateTime(g.not_after)}`), picker.element, reasonField(op === 'extend')], t(op), async (form) => {
    const notAfter = picker.value();
    if (notAfter === null) return;
    const updated = await ctx.api.grantOperation(g.id, op, { not_after: notAfter, reason: formValue(form, 'reason') });
    ctx.announce(updated.requests.some((r) => r.status === 'pending' && r.action === 'extend') && op === 'extend' ? t('extendRequested') : t('done'));
    ctx.refresh();
  });
}

function reasonDialog(ctx: ViewContext, g: Grant, op: 'suspend' | 'resume' | 'revoke'): void {
  const body: Node[] = op === 'revoke' ? [h('p', { class: 'alert alert-warn' }, t('confirmRevoke'))] : [];
  openDialog(`${t(op)} — ${g.id}`, [...body, reasonField()], t(op), async (form) => {
    await ctx.api.grantOperation(g.id, op, { reason: formValue(form, 'reason') });
    ctx.announce(op === 'resume' ? t('resumeRequested') : t('done'));
    ctx.refresh();
  }, { danger: op === 'revoke' });
}

function newGrantDialog(ctx: ViewContext, purposes: readonly Purpose[], agencies: readonly Agency[]): void {
  const active = purposes.filter((p) => p.status === 'active');
  if (active.length === 0) {
    ctx.main.prepend(problemBox(new Error('no active purpose')));
    return;
  }
  const purposeSelect = select(active.map((p) => ({ value: p.id, label: `${p.title} (${p.id})` })), active[0]?.id ?? '', { name: 'purpose_id', required: true });
  const agencySelect = h('select', { name: 'agency_id', required: true });
  const fillAgencies = () => {
    const purpose = active.find((p) => p.id === purposeSelect.value);
    agencySelect.replaceChildren(...(purpose?.agencies ?? []).map((id) => h('option', { value: id }, agencyName(agencies, id))));
  };
  purposeSelect.addEventListener('change', fillAgencies);
  fillAgencies();

  const start = toMinute(Date.now());
  const from = dateTimePicker(t('windowStart'), 'not_before', start);
  const until = dateTimePicker(t('windowEnd'), 'not_after', start + QUICK_LENGTHS_HOURS[0]! * 3600_000);
  const length = h('output', { class: 'length', 'aria-live': 'polite' });
  const showLength = () => {
    const a = from.instant();
    const b = until.instant();
    length.textContent = a === null || b === null ? '' : `${t('duration')}: ${span((b - a) / 1000)}`;
  };
  from.onChange(showLength);
  until.onChange(showLength);
  showLength();
  const quick = h(
    'div',
    { class: 'quick' },
    ...QUICK_LENGTHS_HOURS.map((hours) =>
      h('button', { type: 'button', class: 'secondary small', onclick: () => {
        const a = from.instant();
        if (a !== null) until.set(a + hours * 3600_000);
        showLength();
      } }, hours > 96 && hours % 24 === 0 ? t('durationDays', { days: hours / 24 }) : t('durationHours', { hours })),
    ),
  );
  const dataLife = input({ type: 'number', name: 'data_life_hours', min: 1, step: 1, required: true, value: DEFAULT_DATA_LIFE_HOURS, inputmode: 'numeric' });

  openDialog(t('newGrant'), [
    h('p', { class: 'muted' }, t('grantFormIntro')),
    field(t('purpose'), purposeSelect),
    field(t('agency'), agencySelect),
    from.element,
    until.element,
    quick,
    length,
    field(t('dataLifeHours'), dataLife, t('dataLifeHelp')),
    field(t('note'), h('textarea', { name: 'note', rows: 2, maxlength: 1000 })),
  ], t('newGrant'), async (form) => {
    const notBefore = from.value();
    const notAfter = until.value();
    if (notBefore === null || notAfter === null) return;
    await ctx.api.createGrant({
      purpose_id: purposeSelect.value,
      agency_id: agencySelect.value,
      not_before: notBefore,
      not_after: notAfter,
      data_life_seconds: Math.round(Number(formValue(form, 'data_life_hours')) * 3600),
      note: formValue(form, 'note'),
    });
    ctx.announce(t('grantCreated'));
    ctx.refresh();
  });
}
