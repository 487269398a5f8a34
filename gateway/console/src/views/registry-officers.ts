/**
 * Registering an officer of a partner agency: the request waits for a second privacy officer, who,
 * on approving it, is shown the officer's one-time enrolment code (Approvals) to hand over.
 */
import type { Agency } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';
import { field, formValue, ID_PATTERN, input, openDialog, reasonField, select } from '../ui.js';
import { agencyName, type ViewContext } from './context.js';

/** The privacy office registers officers for partner agencies, not for itself (its people are privacy officers). */
const PRIVACY_OFFICE = 'privacy-office';

export function newOfficerDialog(ctx: ViewContext, agencies: readonly Agency[]): void {
  const choices = agencies.filter((a) => a.id !== PRIVACY_OFFICE);
  const agency = select(
    choices.map((a) => ({ value: a.id, label: agencyName(agencies, a.id) })),
    choices[0]?.id ?? '',
    { name: 'agency_id', required: true },
  );
  openDialog(
    t('newOfficer'),
    [
      h('p', { class: 'muted' }, t('newOfficerIntro')),
      field(
        t('officerId'),
        input({ name: 'id', required: true, pattern: ID_PATTERN, title: t('idHelp'), autocomplete: 'off', spellcheck: 'false' }),
        t('officerIdHelp'),
      ),
      field(t('officerName'), input({ name: 'name', required: true, maxlength: 200 })),
      field(t('agency'), agency),
      reasonField(false),
    ],
    t('newOfficer'),
    async (form) => {
      await ctx.api.createOfficer({ id: formValue(form, 'id'), agency_id: agency.value, name: formValue(form, 'name'), reason: formValue(form, 'reason') });
      ctx.announce(t('officerCreated'));
      ctx.refresh();
    },
  );
}
