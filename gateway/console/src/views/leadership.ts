/**
 * Leadership approvals: grants that ask for flagged media unblurred or for cases marked sensitive
 * release them only once two officers with the leadership role, neither of them the requester,
 * approved (the gateway decides and counts only approvals still in force). The section lists the
 * grants still short of that, and offers the approval to a leadership officer who may give it.
 */
import type { Agency, Grant, Purpose } from '../api.js';
import { h } from '../dom.js';
import { waitingSection } from './waiting-section.js';
import type { MessageKey } from '../i18n/en.js';
import { num, t } from '../i18n/i18n.js';
import { type LeadershipAsk, leadershipState, type NoApproval } from '../grant-options.js';
import { formValue, openDialog, reasonField } from '../ui.js';
import { agencyName, purposeTitle, type ViewContext } from './context.js';

const ASK_KEYS: Record<LeadershipAsk, MessageKey> = { unblurred_media: 'askUnblurredMedia', sensitive_cases: 'askSensitiveCases' };
const NO_APPROVAL_KEYS: Record<Exclude<NoApproval, null>, MessageKey> = {
  not_leadership: 'leadershipNotYours',
  own_grant: 'leadershipOwnGrant',
  already_approved: 'leadershipAlreadyApproved',
  ended: 'leadershipEnded',
};

/** What a grant asks of leadership, in words. */
export const asksText = (asks: readonly LeadershipAsk[]): string => asks.map((a) => t(ASK_KEYS[a])).join(', ');

export function leadershipSection(
  ctx: ViewContext,
  grants: readonly Grant[],
  purposes: readonly Purpose[],
  agencies: readonly Agency[],
  officer: { id: string; roles: readonly string[] },
): HTMLElement {
  const waiting = grants
    .map((g) => ({ g, state: leadershipState(g, officer) }))
    .filter((x) => x.state !== null && !x.state.complete && x.state.noApproval !== 'ended');
  return waitingSection(
    'leadership-approvals',
    t('leadershipTitle'),
    t('leadershipIntro'),
    [t('grant'), t('leadershipAsks'), t('leadershipApprovals'), t('requestedBy'), t('actions')],
    waiting.map(({ g, state }) => {
      if (state === null) return null;
      const label = `${purposeTitle(purposes, g.purpose_id)} → ${agencyName(agencies, g.agency_id)}`;
      return h(
        'tr',
        { 'data-leadership-grant': g.id },
        h('td', {}, label, h('div', { class: 'muted mono' }, g.id)),
        h('td', {}, asksText(state.asks)),
        h('td', { 'data-approvals': state.inForce }, t('leadershipCount', { n: num(state.inForce), needed: num(state.needed) })),
        h('td', {}, h('strong', {}, g.created_by)),
        h(
          'td',
          {},
          state.noApproval === null
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  'aria-label': `${t('leadershipApprove')}: ${label}`,
                  onclick: () => approveDialog(ctx, g, label, state.asks),
                },
                t('leadershipApprove'),
              )
            : h('p', { class: 'muted' }, t(NO_APPROVAL_KEYS[state.noApproval])),
        ),
      );
    }),
  );
}

function approveDialog(ctx: ViewContext, g: Grant, label: string, asks: readonly LeadershipAsk[]): void {
  openDialog(
    `${t('leadershipApprove')}: ${label}`,
    [h('p', { class: 'alert alert-warn' }, t('leadershipApproveNote', { asks: asksText(asks) })), reasonField()],
    t('leadershipApprove'),
    async (form) => {
      const updated = await ctx.api.leadershipApprove(g.id, formValue(form, 'reason'));
      ctx.announce(t('leadershipApproved', { n: num(updated.leadership_approvals_in_force.length) }));
      ctx.refresh();
    },
  );
}
