/**
 * The subject access report: every disclosure of one person's data, each checked here against the
 * report's signed checkpoint with its inclusion proof. The national ID goes in a POST body and is
 * cleared from the form once the report is shown; nothing of it is stored or put in an address.
 */
import { canonicalEntryBytes, leafHash, verifyCheckpoint, verifyInclusion } from '@need2know/audit';
import type { Agency, Purpose } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, t } from '../i18n/i18n.js';
import { field, input, problemBox } from '../ui.js';
import { agencyName, purposeTitle, type ViewContext } from './context.js';

const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** What the caller stated, in words: "for case PP-2026-0412: bail review" (the trace, when sent, as the cell's title). */
function statedCell(d: { reference: string | null; reason: string | null; traceparent: string | null }): HTMLElement {
  const words =
    d.reference !== null && d.reason !== null
      ? t('statedFor', { reference: d.reference, reason: d.reason })
      : d.reference !== null
        ? t('statedForReference', { reference: d.reference })
        : (d.reason ?? t('statedNone'));
  return h('td', { 'data-stated': '', ...(d.traceparent === null ? {} : { title: `traceparent ${d.traceparent}` }) }, words);
}

export function subjectAccessSection(ctx: ViewContext, purposes: readonly Purpose[], agencies: readonly Agency[]): HTMLElement {
  const nationalId = input({ name: 'national_id', required: true, maxlength: 40, autocomplete: 'off', inputmode: 'numeric', spellcheck: 'false' });
  const reason = h('textarea', { name: 'reason', required: true, maxlength: 500, rows: 2 });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('runReport'));
  const form = h('form', { class: 'subject-form' }, field(t('nationalId'), nationalId), field(t('subjectReason'), reason, t('reasonHelp')), submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    out.replaceChildren(t('loading'));
    const id = nationalId.value.trim();
    ctx.api
      .subjectAccess(id, reason.value.trim())
      .then(async (report) => {
        nationalId.value = '';
        const { vkey } = await ctx.api.auditKey();
        const checkpoint = await verifyCheckpoint(report.checkpoint, vkey).catch(() => null);
        const rows = report.disclosures.map((d) => {
          const proven =
            checkpoint !== null &&
            verifyInclusion(leafHash(canonicalEntryBytes(d.log_entry)), d.log_index, checkpoint.size, d.inclusion_proof.map(fromB64), checkpoint.root);
          return h(
            'tr',
            {},
            h('td', {}, dateTime(d.at)),
            h('td', {}, agencyName(agencies, d.agency)),
            h('td', {}, purposeTitle(purposes, d.purpose)),
            h('td', {}, `${d.action} · ${d.record_type}`),
            statedCell(d),
            h(
              'td',
              { class: 'mono' },
              Object.entries(d.fields)
                .map(([f, m]) => `${f}: ${m}`)
                .join(', '),
            ),
            h('td', { class: proven ? 'ok' : 'bad' }, proven ? `✓ ${t('proofOk')}` : `✗ ${t('proofBad')}`),
          );
        });
        replace(
          out,
          report.disclosures.length === 0 ? h('p', { 'data-subject-report': 'empty' }, t('subjectNone')) : null,
          report.withheld_for_now > 0 ? h('p', { class: 'callout callout-warn' }, t('subjectWithheld', { n: report.withheld_for_now })) : null,
          rows.length === 0
            ? null
            : h(
                'div',
                { class: 'table-wrap' },
                h(
                  'table',
                  { 'data-subject-report': 'rows' },
                  h(
                    'thead',
                    {},
                    h(
                      'tr',
                      {},
                      ...[t('when'), t('agency'), t('purpose'), t('action'), t('statedReason'), t('fields'), t('proof')].map((c) =>
                        h('th', { scope: 'col' }, c),
                      ),
                    ),
                  ),
                  h('tbody', {}, ...rows),
                ),
              ),
        );
      })
      .catch((err: unknown) => out.replaceChildren(problemBox(err)))
      .finally(() => (submit.disabled = false));
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'subject-title' },
    h('h2', { id: 'subject-title' }, t('subjectTitle')),
    h('p', { class: 'muted' }, t('subjectIntro')),
    form,
    out,
  );
}
