/**
 * The subject access report: every disclosure of one person's data, each checked here against the
 * report's signed checkpoint with its inclusion proof. The national ID goes in a POST body and is
 * cleared from the form once the report is shown; nothing of it is stored or put in an address.
 */
import { canonicalEntryBytes, leafHash, verifyCheckpoint, verifyInclusion } from '@need2know/audit';
import type { Agency, Purpose } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, t } from '../i18n/i18n.js';
import { entryClient, REPORT_COLUMNS, rootBase64, statedText, type ReportRow } from '../report-export.js';
import { field, input, problemBox } from '../ui.js';
import { agencyName, purposeTitle, type ViewContext } from './context.js';
import { removePrintLayout, reportActions, reportHeadings } from './subject-report-export.js';
import { disclosedFieldsText } from './modes.js';

const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const statedWords = {
  both: (reference: string, reason: string) => t('statedFor', { reference, reason }),
  reference: (reference: string) => t('statedForReference', { reference }),
  get none() {
    return t('statedNone');
  },
};

/** What the caller stated, in words: "for case PP-2026-0412: bail review" (the trace, when sent, as the cell's title). */
function statedCell(text: string, traceparent: string | null): HTMLElement {
  return h('td', { 'data-stated': '', ...(traceparent === null ? {} : { title: `traceparent ${traceparent}` }) }, text);
}

export function subjectAccessSection(ctx: ViewContext, purposes: readonly Purpose[], agencies: readonly Agency[]): HTMLElement {
  // A report printed from an earlier drawing of the view (another language, another report) goes with it.
  removePrintLayout();
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
        removePrintLayout();
        const [{ vkey }, clients] = await Promise.all([ctx.api.auditKey(), ctx.api.clients()]);
        const generatedAt = new Date();
        const checkpoint = await verifyCheckpoint(report.checkpoint, vkey).catch(() => null);
        const proven = report.disclosures.map(
          (d) =>
            checkpoint !== null &&
            verifyInclusion(leafHash(canonicalEntryBytes(d.log_entry)), d.log_index, checkpoint.size, d.inclusion_proof.map(fromB64), checkpoint.root),
        );
        const cells: ReportRow[] = report.disclosures.map((d, i) => {
          return {
            when: dateTime(d.at),
            agency: agencyName(agencies, d.agency),
            who: entryClient(d.log_entry) ?? '—',
            purpose: purposeTitle(purposes, d.purpose),
            action: `${d.action} · ${d.record_type}`,
            stated: statedText(d, statedWords),
            fields: disclosedFieldsText(d.fields),
            proof: proven[i] === true ? `✓ ${t('proofOk')}` : `✗ ${t('proofBad')}`,
          };
        });
        const rows = report.disclosures.map((d, i) => {
          const c = cells[i] as ReportRow;
          return h(
            'tr',
            {},
            ...REPORT_COLUMNS.map((col) =>
              col === 'stated'
                ? statedCell(c.stated, d.traceparent)
                : h('td', { class: col === 'who' || col === 'fields' ? 'mono' : col === 'proof' ? (proven[i] === true ? 'ok' : 'bad') : undefined }, c[col]),
            ),
          );
        });
        const times = report.disclosures.map((d) => Date.parse(d.at)).sort((a, b) => a - b);
        const first = times.at(0);
        const last = times.at(-1);
        const office = clients.find((c) => c.id === ctx.session.officer)?.agency_id;
        const printable = {
          nationalId: id,
          office: office === undefined ? '' : agencyName(agencies, office),
          generatedAt,
          anchor: checkpoint === null ? null : { origin: checkpoint.origin, size: checkpoint.size, root: rootBase64(checkpoint.root) },
          rows: cells,
          withheld: report.withheld_for_now,
        };
        const headings = reportHeadings();
        replace(
          out,
          h('p', { class: 'muted', 'data-subject-caption': '' }, t('reportCaption', { id, at: dateTime(generatedAt.getTime()) })),
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
                  h('thead', {}, h('tr', {}, ...REPORT_COLUMNS.map((c) => h('th', { scope: 'col' }, headings[c])))),
                  h('tbody', {}, ...rows),
                ),
              ),
          reportActions(printable, first === undefined ? null : dateTime(first), last === undefined ? null : dateTime(last)),
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
