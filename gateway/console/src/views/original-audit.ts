/**
 * Comparing a photo's redaction with its original. On the Redactions page, an officer asks for it
 * with a reason; two leadership officers, neither of them the requester, approve it on the Approvals
 * page; while their approval is in force the gateway sends the original beside the rendition, to that
 * officer only, and records each opening first. The console draws it like the rendition (a canvas from
 * bytes, under the console's content security policy and idle lock), marked as the original. She
 * may withdraw her request at any time, awaiting or in force (ending it narrows access).
 */
import type { AdminApi, Agency, OriginalAudit } from '../api.js';
import { h } from '../dom.js';
import { LEADERSHIP_APPROVALS_NEEDED } from '../grant-options.js';
import type { MessageKey } from '../i18n/en.js';
import { originalAuditNoApproval, type NoOriginalApproval } from '../original-audit-approval.js';
import { waitingSection } from './waiting-section.js';
import { dateTime, num, t } from '../i18n/i18n.js';
import { formValue, openDialog, reasonField } from '../ui.js';
import { agencyName, type ViewContext } from './context.js';

type Audit = Awaited<ReturnType<AdminApi['redactionAudit']>>;

/** Widest the original is drawn, in CSS pixels (the same as the rendition, so the two compare). */
const MAX_DRAWN_WIDTH = 720;

/** Why an officer cannot approve, in the words the grants' leadership section uses. */
const NO_APPROVAL_KEYS: Record<Exclude<NoOriginalApproval, null>, MessageKey> = {
  not_leadership: 'leadershipNotYours',
  own_request: 'originalOwnRequest',
  already_approved: 'leadershipAlreadyApproved',
  ended: 'leadershipEnded',
};

/** The needed count, as the words take it. */
const needed = () => num(LEADERSHIP_APPROVALS_NEEDED);

const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** This officer's open request for `owner`'s photo `ref`, if any (awaiting or in force; a lapsed one is as none). */
export async function myOriginalAudit(ctx: ViewContext, owner: string, ref: string): Promise<OriginalAudit | null> {
  const mine = (await ctx.api.originalAudits()).filter(
    (r) => r.requested_by === ctx.session.officer && r.owner === owner && r.ref === ref && (r.state === 'awaiting' || r.state === 'in_force'),
  );
  return mine[0] ?? null;
}

/** The original, drawn to scale and marked as the original, with when the approval lapses. */
export async function originalPicture(original: NonNullable<Audit['original']>): Promise<HTMLElement> {
  const bitmap = await createImageBitmap(new Blob([fromB64(original.data)], { type: original.content_type }));
  const scale = Math.min(1, MAX_DRAWN_WIDTH / bitmap.width);
  const canvas = h('canvas', {
    width: Math.round(bitmap.width * scale),
    height: Math.round(bitmap.height * scale),
    role: 'img',
    'aria-label': t('originalAlt'),
    'data-rendition': 'original',
  });
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return h(
    'figure',
    { class: 'redaction-picture original-picture', 'data-original-approval': original.approval },
    h('p', { class: 'alert alert-warn' }, h('strong', {}, t('originalLabel'))),
    canvas,
    h('figcaption', {}, t('originalCaption', { until: dateTime(original.until) })),
  );
}

/**
 * Under an opened redaction: where this officer's request stands, or the action that asks for it.
 * `reopen` opens the redaction again (with the original once it is in force).
 */
export function originalAuditPanel(ctx: ViewContext, audit: Audit, request: OriginalAudit | null, reopen: () => void): HTMLElement {
  if (request?.state === 'in_force' && audit.original === null) {
    return h(
      'div',
      { 'data-original-state': 'in_force' },
      h('p', { class: 'callout' }, t('originalInForce', { until: request.until === null ? '' : dateTime(request.until) })),
      withdrawButton(ctx, request, reopen),
    );
  }
  if (request?.state === 'in_force') return h('div', { 'data-original-state': 'in_force' }, withdrawButton(ctx, request, reopen));
  if (request?.state === 'awaiting')
    return h(
      'div',
      { 'data-original-state': 'awaiting' },
      h('p', { class: 'callout' }, t('originalAwaiting', { n: num(request.approvals.length), needed: needed() })),
      withdrawButton(ctx, request, reopen),
    );
  const button = h('button', { type: 'button', 'data-original-ask': '' }, t('originalAsk'));
  button.addEventListener('click', () =>
    openDialog(t('originalAsk'), [h('p', { class: 'alert alert-warn' }, t('originalAskNote')), reasonField()], t('originalAsk'), async (form) => {
      await ctx.api.requestOriginalAudit({ owner: audit.owner, ref: audit.ref, reason: formValue(form, 'reason') });
      ctx.announce(t('originalAsked'));
      reopen();
    }),
  );
  return h('div', { 'data-original-state': 'none' }, button);
}

/** Withdraws this officer's own request, after a confirmation with a reason (as other withdrawals on the Approvals page); then `reopen` shows the photo without it. */
function withdrawButton(ctx: ViewContext, request: OriginalAudit, reopen: () => void): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-original-withdraw': request.id,
      onclick: () =>
        openDialog(
          t('originalWithdraw'),
          [h('p', { class: 'alert alert-warn' }, t('originalWithdrawNote')), reasonField()],
          t('withdraw'),
          async (form) => {
            await ctx.api.closeOriginalAudit(request.id, formValue(form, 'reason'));
            ctx.announce(t('originalWithdrawn'));
            reopen();
          },
          { danger: true },
        ),
    },
    t('originalWithdraw'),
  );
}

/** For the Approvals page: requests that wait for leadership, in words, with the approval for a leadership officer who may give it. */
export function originalAuditsSection(
  ctx: ViewContext,
  requests: readonly OriginalAudit[],
  agencies: readonly Agency[],
  officer: { id: string; roles: readonly string[] },
): HTMLElement {
  const waiting = requests.filter((r) => r.state === 'awaiting');
  return waitingSection(
    'original-audits',
    t('originalRequestsTitle'),
    t('originalRequestsIntro'),
    [t('originalLabel'), t('reason'), t('leadershipApprovals'), t('requestedBy'), t('actions')],
    waiting.map((r) => {
      const words = t('originalRequestWords', { ref: r.ref, owner: agencyName(agencies, r.owner) });
      const noApproval = originalAuditNoApproval(r, officer);
      const refusal = noApproval === null ? null : t(NO_APPROVAL_KEYS[noApproval]);
      return h(
        'tr',
        { 'data-original-audit': r.id },
        h('td', {}, words),
        h('td', {}, r.reason),
        h('td', { 'data-approvals': String(r.approvals.length) }, t('leadershipCount', { n: num(r.approvals.length), needed: needed() })),
        h('td', {}, h('strong', {}, r.requested_by), h('div', { class: 'muted' }, dateTime(r.requested_at))),
        h(
          'td',
          {},
          refusal === null
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  'aria-label': `${t('leadershipApprove')}: ${words}`,
                  onclick: () =>
                    openDialog(`${t('leadershipApprove')}: ${words}`, [h('p', {}, r.reason), reasonField()], t('leadershipApprove'), async (form) => {
                      const updated = await ctx.api.approveOriginalAudit(r.id, formValue(form, 'reason'));
                      ctx.announce(t('originalApproved', { n: num(updated.approvals.length), needed: needed() }));
                      ctx.refresh();
                    }),
                },
                t('leadershipApprove'),
              )
            : h('p', { class: 'muted' }, refusal),
        ),
      );
    }),
  );
}
