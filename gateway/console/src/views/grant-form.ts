/**
 * Requesting a grant: a purpose for one agency inside a window, optionally only for listed records
 * (a case-specific grant), and, where the purpose allows, flagged media unblurred or cases marked
 * sensitive (released only once two leadership officers approved). It waits for a second officer.
 */
import type { Agency, Purpose } from '../api.js';
import { dateTimePicker, toMinute } from '../datetime-picker.js';
import { h } from '../dom.js';
import { leadershipOptions, recordIdList } from '../grant-options.js';
import { span, t } from '../i18n/i18n.js';
import { checkbox, field, formValue, input, openDialog, problemBox, select } from '../ui.js';
import { agencyName, purposeName, type ViewContext } from './context.js';
import { type RowScopeEditor, rowScopeEditor } from './row-scope-editor.js';

/** Lengths offered next to the end picker; 96 hours is the outbreak window of DESIGN.md. */
const QUICK_LENGTHS_HOURS = [96, 7 * 24, 30 * 24];
/** Data life proposed for a new grant (hours), capped at the window's length. */
const DEFAULT_DATA_LIFE_HOURS = 72;

export function newGrantDialog(ctx: ViewContext, purposes: readonly Purpose[], agencies: readonly Agency[]): void {
  const active = purposes.filter((p) => p.status === 'active');
  if (active.length === 0) {
    ctx.main.prepend(problemBox(new Error('no active purpose')));
    return;
  }
  const purposeSelect = select(
    active.map((p) => ({ value: p.id, label: `${purposeName(p)} (${p.id})` })),
    active[0]?.id ?? '',
    { name: 'purpose_id', required: true },
  );
  const agencySelect = h('select', { name: 'agency_id', required: true });
  const unblurred = checkbox('unblurred_media', t('askUnblurredMediaChoice'), { 'aria-describedby': 'unblurred-media-help' });
  const sensitive = checkbox('sensitive_cases', t('askSensitiveCasesChoice'), { 'aria-describedby': 'sensitive-cases-help' });
  const unblurredHelp = h('p', { class: 'help', id: 'unblurred-media-help' });
  const sensitiveHelp = h('p', { class: 'help', id: 'sensitive-cases-help' });
  const fillAgencies = () => {
    const purpose = active.find((p) => p.id === purposeSelect.value);
    agencySelect.replaceChildren(...(purpose?.agencies ?? []).map((id) => h('option', { value: id }, agencyName(agencies, id))));
    // Offer only what the purpose allows; the gateway refuses the rest.
    const allowed = purpose === undefined ? { unblurredMedia: false, sensitiveCases: false } : leadershipOptions(purpose);
    unblurred.box.disabled = !allowed.unblurredMedia;
    sensitive.box.disabled = !allowed.sensitiveCases;
    if (!allowed.unblurredMedia) unblurred.box.checked = false;
    if (!allowed.sensitiveCases) sensitive.box.checked = false;
    unblurredHelp.textContent = t(allowed.unblurredMedia ? 'askUnblurredMediaHelp' : 'askUnblurredMediaNotAllowed');
    sensitiveHelp.textContent = t(allowed.sensitiveCases ? 'askSensitiveCasesHelp' : 'askSensitiveCasesNotAllowed');
  };
  // The row scope editor is drawn again for each purpose: the purpose's scope is its ceiling.
  const scopeHolder = h('div', {});
  let scope: RowScopeEditor | null = null;
  const fillScope = () => {
    const ceiling = active.find((p) => p.id === purposeSelect.value)?.row_scope ?? null;
    scope = rowScopeEditor(t('rowScope'), null, { ceiling });
    scopeHolder.replaceChildren(scope.element);
  };
  purposeSelect.addEventListener('change', fillAgencies);
  purposeSelect.addEventListener('change', fillScope);
  fillAgencies();
  fillScope();

  const start = toMinute(Date.now());
  const from = dateTimePicker(t('windowStart'), 'not_before', start);
  const until = dateTimePicker(t('windowEnd'), 'not_after', start + (QUICK_LENGTHS_HOURS[0] ?? 96) * 3600_000);
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
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          onclick: () => {
            const a = from.instant();
            if (a !== null) until.set(a + hours * 3600_000);
            showLength();
          },
        },
        hours > 96 && hours % 24 === 0 ? t('durationDays', { days: hours / 24 }) : t('durationHours', { hours }),
      ),
    ),
  );
  const dataLife = input({ type: 'number', name: 'data_life_hours', min: 1, step: 1, required: true, value: DEFAULT_DATA_LIFE_HOURS, inputmode: 'numeric' });

  openDialog(
    t('newGrant'),
    [
      h('p', { class: 'muted' }, t('grantFormIntro')),
      field(t('purpose'), purposeSelect),
      field(t('agency'), agencySelect),
      from.element,
      until.element,
      quick,
      length,
      field(t('dataLifeHours'), dataLife, t('dataLifeHelp')),
      scopeHolder,
      field(t('recordIds'), h('textarea', { name: 'record_ids', rows: 2, class: 'mono', spellcheck: 'false', autocomplete: 'off' }), t('recordIdsHelp')),
      h('fieldset', { class: 'checks leadership' }, h('legend', {}, t('leadershipAsks')), unblurred.element, unblurredHelp, sensitive.element, sensitiveHelp),
      field(t('note'), h('textarea', { name: 'note', rows: 2, maxlength: 1000 })),
    ],
    t('newGrant'),
    async (form) => {
      const notBefore = from.value();
      const notAfter = until.value();
      if (notBefore === null || notAfter === null) return;
      const recordIds = recordIdList(formValue(form, 'record_ids'));
      await ctx.api.createGrant({
        purpose_id: purposeSelect.value,
        agency_id: agencySelect.value,
        not_before: notBefore,
        not_after: notAfter,
        data_life_seconds: Math.round(Number(formValue(form, 'data_life_hours')) * 3600),
        note: formValue(form, 'note'),
        unblurred_media: unblurred.box.checked,
        sensitive_cases: sensitive.box.checked,
        ...(recordIds.length === 0 ? {} : { record_ids: recordIds }),
        ...(scope?.value() == null ? {} : { row_scope: scope.value() }),
      });
      ctx.announce(t('grantCreated'));
      ctx.refresh();
    },
  );
}
