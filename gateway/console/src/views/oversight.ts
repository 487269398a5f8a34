/**
 * Oversight: disclosures per day per agency and purpose (with refusals and rate-limit hits), the
 * audit log's latest checkpoint verified in the browser, and the subject access report.
 */
import { h } from '../dom.js';
import { currentZone, t, zoneLabel } from '../i18n/i18n.js';
import { select } from '../ui.js';
import { auditSection } from './audit.js';
import { agencyName, purposeTitle, type ViewContext } from './context.js';
import { dailyChart } from './daily-chart.js';
import { subjectAccessSection } from './subject-access.js';

const DAY_CHOICES = [7, 14, 30, 92];
let days = 14;

export async function oversightView(ctx: ViewContext): Promise<HTMLElement> {
  const [report, purposes, agencies] = await Promise.all([ctx.api.dailyReport(days, currentZone()), ctx.api.purposes(), ctx.api.agencies()]);
  const daySelect = select(
    DAY_CHOICES.map((d) => ({ value: String(d), label: String(d) })),
    String(days),
    { id: 'report-days' },
  );
  daySelect.addEventListener('change', () => {
    days = Number(daySelect.value);
    ctx.refresh();
  });
  const dayList = report.days.map((d) => d.day);
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, t('oversightTitle'))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'daily-title' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'daily-title' }, t('dailyTitle')),
        h('label', { for: 'report-days', class: 'inline' }, t('days')),
        daySelect,
      ),
      h('p', { class: 'muted' }, t('dailyIntro', { zone: zoneLabel(report.time_zone) })),
      report.series.length === 0
        ? h('p', {}, t('noDisclosures'))
        : h(
            'div',
            { class: 'charts' },
            ...report.series.map((s) => dailyChart(dayList, s, { purpose: purposeTitle(purposes, s.purpose), agency: agencyName(agencies, s.agency) })),
          ),
    ),
    auditSection(ctx.api),
    subjectAccessSection(ctx, purposes, agencies),
  );
}
