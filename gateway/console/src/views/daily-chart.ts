/**
 * Disclosures per day for one agency and purpose, as stacked bars (disclosed, refused, rate-limit
 * hits) with a text alternative and the same figures as a table.
 */
import type { DailyReport } from '../api.js';
import { h, s } from '../dom.js';
import { num, shortDay, t } from '../i18n/i18n.js';

const WIDTH = 880;
const HEIGHT = 170;
const LEFT = 40;
const BOTTOM = 22;
const TOP = 8;

type Series = DailyReport['series'][number];
const PARTS = [
  { key: 'disclosed', label: 'disclosed' },
  { key: 'refused', label: 'refused' },
  { key: 'rate_limited', label: 'rateLimited' },
] as const;

export function dailyChart(days: readonly string[], series: Series, names: { purpose: string; agency: string }): HTMLElement {
  const title = `${names.purpose} → ${names.agency}`;
  const totals = days.map((_, i) => (series.disclosed[i] ?? 0) + (series.refused[i] ?? 0) + (series.rate_limited[i] ?? 0));
  const max = Math.max(1, ...totals);
  const plotWidth = WIDTH - LEFT - 4;
  const slot = plotWidth / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const y = (v: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - v / max);
  const labelEvery = Math.ceil(days.length / 10);
  const description = t('chartLabel', { purpose: names.purpose, agency: names.agency, total: series.totals.disclosed, days: days.length });
  const svg = s(
    'svg',
    { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': description },
    s('line', { class: 'axis', x1: LEFT, x2: WIDTH, y1: y(0), y2: y(0) }),
    s('text', { class: 'axis-label', x: LEFT - 4, y: y(max) + 4, 'text-anchor': 'end' }, num(max)),
    s('text', { class: 'axis-label', x: LEFT - 4, y: y(0), 'text-anchor': 'end' }, num(0)),
    ...days.map((day, i) => {
      const x = LEFT + i * slot + (slot - barWidth) / 2;
      let base = 0;
      const rects = PARTS.map((part) => {
        const v = series[part.key][i] ?? 0;
        const rect = v === 0 ? null : s('rect', { class: `seg seg-${part.key}`, x, y: y(base + v), width: barWidth, height: y(base) - y(base + v) });
        base += v;
        return rect;
      });
      return s(
        'g',
        { class: 'day' },
        s('title', {}, `${shortDay(day)}: ${PARTS.map((p) => `${t(p.label)} ${num(series[p.key][i] ?? 0)}`).join(', ')}`),
        ...rects,
        i % labelEvery === 0 ? s('text', { class: 'axis-label', x: x + barWidth / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, shortDay(day)) : null,
      );
    }),
  );
  return h(
    'figure',
    { class: 'chart-card', 'data-series': `${series.agency}/${series.purpose}` },
    h('figcaption', {}, h('strong', {}, title)),
    svg,
    h(
      'ul',
      { class: 'legend totals' },
      ...PARTS.map((p) =>
        h(
          'li',
          {},
          h('span', { class: `swatch seg-${p.key}`, 'aria-hidden': 'true' }),
          `${t(p.label)}: `,
          h('strong', { 'data-total': p.key }, num(series.totals[p.key])),
        ),
      ),
    ),
    h(
      'details',
      {},
      h('summary', {}, t('showTable')),
      h(
        'table',
        { class: 'compact' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('date')), ...PARTS.map((p) => h('th', { scope: 'col' }, t(p.label))))),
        h(
          'tbody',
          {},
          ...days.map((day, i) => h('tr', {}, h('th', { scope: 'row' }, shortDay(day)), ...PARTS.map((p) => h('td', {}, num(series[p.key][i] ?? 0))))),
        ),
      ),
    ),
  );
}
