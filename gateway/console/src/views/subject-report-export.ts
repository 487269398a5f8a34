/**
 * The subject access report for the citizen: a CSV file (the screen's columns, in the chosen
 * language) and a printed page the browser saves as PDF. The page is built node by node as a direct
 * child of `body` and only it prints (`console.css`, "Print"): the ministry's heading, the person's
 * national ID as given, the period, every disclosure, when the report was made and the signed log
 * checkpoint (size and root) that anchors it, with page numbers in the page margin. The browser lays
 * out and shapes the Khmer text itself, which a PDF library run in the page would not do correctly.
 * The printed page goes when the officer leaves the view or runs another report.
 */
import { h } from '../dom.js';
import { currentLang, dateTime, num, t } from '../i18n/i18n.js';
import { REPORT_COLUMNS, reportCsv, reportFileName, type ReportColumn, type ReportRow } from '../report-export.js';

/** What the printed page needs besides the rows. */
export interface PrintableReport {
  /** The national ID as the officer typed it (trimmed), shown only on the printed page and in the report's caption. */
  readonly nationalId: string;
  /** The name of the officer's own agency, under the state heading. */
  readonly office: string;
  readonly generatedAt: Date;
  /** The signed checkpoint the rows are proven in; null when its signature did not verify. */
  readonly anchor: { readonly origin: string; readonly size: number; readonly root: string } | null;
  readonly rows: readonly ReportRow[];
  readonly withheld: number;
}

/** The column headings in the current language. */
export function reportHeadings(): Record<ReportColumn, string> {
  return {
    when: t('when'),
    agency: t('agency'),
    who: t('officerOrSystem'),
    purpose: t('purpose'),
    action: t('action'),
    stated: t('statedReason'),
    fields: t('fields'),
    proof: t('proof'),
  };
}

/** The period the report covers: the whole log up to its checkpoint, with the first and last disclosure. */
function periodText(report: PrintableReport, firstAt: string | null, lastAt: string | null): string {
  const until = dateTime(report.generatedAt.getTime());
  return firstAt === null || lastAt === null ? t('reportPeriodEmpty', { until }) : t('reportPeriod', { until, first: firstAt, last: lastAt });
}

/** The printed report (hidden on screen; the only thing that prints while it is in the page). */
export function printLayout(report: PrintableReport, firstAt: string | null, lastAt: string | null): HTMLElement {
  const headings = reportHeadings();
  return h(
    'section',
    { class: 'print-report', lang: currentLang(), 'data-print-report': currentLang() },
    h(
      'header',
      { class: 'print-head' },
      h('p', { class: 'print-state' }, t('stateHeading')),
      h('p', { class: 'print-motto' }, t('stateMotto')),
      h('p', { class: 'print-office' }, report.office),
    ),
    h('h1', {}, t('subjectTitle')),
    h(
      'dl',
      { class: 'print-meta' },
      h('dt', {}, t('nationalId')),
      h('dd', { 'data-print': 'national-id' }, report.nationalId),
      h('dt', {}, t('reportPeriodLabel')),
      h('dd', { 'data-print': 'period' }, periodText(report, firstAt, lastAt)),
    ),
    report.rows.length === 0
      ? h('p', {}, t('subjectNone'))
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...REPORT_COLUMNS.map((c) => h('th', { scope: 'col' }, headings[c])))),
          h('tbody', {}, ...report.rows.map((r) => h('tr', { 'data-print-row': '' }, ...REPORT_COLUMNS.map((c) => h('td', {}, r[c]))))),
        ),
    report.withheld > 0 ? h('p', {}, t('subjectWithheld', { n: report.withheld })) : null,
    h(
      'footer',
      { class: 'print-foot' },
      h('p', { 'data-print': 'generated' }, t('reportGenerated', { at: dateTime(report.generatedAt.getTime()) })),
      h(
        'p',
        { 'data-print': 'anchor', class: 'wrap' },
        report.anchor === null
          ? t('reportAnchorUnverified')
          : t('reportAnchor', { size: num(report.anchor.size), origin: report.anchor.origin, root: report.anchor.root }),
      ),
    ),
  );
}

/** Takes the printed page out of the document (another report, another view). */
export function removePrintLayout(): void {
  for (const el of document.querySelectorAll('body > .print-report')) el.remove();
}

/** The report's actions: export CSV and print / save as PDF. */
export function reportActions(report: PrintableReport, firstAt: string | null, lastAt: string | null): HTMLElement {
  const status = h('span', { class: 'muted', 'aria-live': 'polite' });
  const exportCsv = () => {
    const csv = reportCsv(reportHeadings(), report.rows);
    // A byte-order mark, so that spreadsheets open the Khmer text as UTF-8.
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: reportFileName(report.generatedAt) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = t('exported', { n: num(report.rows.length) });
  };
  const print = () => {
    removePrintLayout();
    document.body.append(printLayout(report, firstAt, lastAt));
    window.addEventListener('hashchange', removePrintLayout, { once: true });
    // The browser names the saved PDF after the page's title: the report's, never the person's.
    const title = document.title;
    document.title = t('subjectTitle');
    window.print();
    document.title = title;
  };
  return h(
    'div',
    { class: 'form-buttons report-actions' },
    h('button', { type: 'button', class: 'secondary', onclick: exportCsv }, t('exportCsv')),
    h('button', { type: 'button', class: 'secondary', onclick: print }, t('printReport')),
    status,
  );
}
