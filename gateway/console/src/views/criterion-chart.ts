/**
 * A protected crime series drawn as stacked bars by safe-village criterion per month, with a legend
 * naming the criteria, withheld figures hatched (never drawn as zero), a note on how the figures are
 * protected, and a table of the same figures. Every number shown is the API's: counts, totals and
 * which figures are withheld (null); the layout is `stats-layout.ts`.
 */
import { protectionOf, type StatsProtection, type StatsSeriesRelease } from '../api.js';
import { h, s, uid } from '../dom.js';
import type { MessageKey } from '../i18n/en.js';
import { dateTime, digits, monthName, num, t } from '../i18n/i18n.js';
import { stackedBars, type Bar, type PlotBox } from '../stats-layout.js';

const BOX: PlotBox = { width: 880, height: 320, left: 48, right: 8, top: 26, bottom: 28 };
/** A segment this tall or taller carries its figure inside it. */
const LABEL_MIN_PX = 16;

const CRITERION_KEYS: Record<string, { long: MessageKey; short: MessageKey }> = {
  '1': { long: 'criterion1', short: 'criterionShort1' },
  '2': { long: 'criterion2', short: 'criterionShort2' },
  '3': { long: 'criterion3', short: 'criterionShort3' },
  '4': { long: 'criterion4', short: 'criterionShort4' },
  '5': { long: 'criterion5', short: 'criterionShort5' },
};

/** A criterion's name in the current language, numbered as the policy numbers them; an unknown code as it came. */
export function criterionName(code: string, form: 'long' | 'short'): string {
  const keys = CRITERION_KEYS[code];
  return keys === undefined ? code : `${digits(code)}. ${t(keys[form])}`;
}

/** The figure or "withheld", as text. */
const figure = (v: number | null | undefined): string => (v === null || v === undefined ? t('withheld') : num(v));

/** How the release was protected, in words. */
function protectionNote(p: StatsProtection | null): string {
  if (p === null) return '';
  return p.method === 'suppression'
    ? t('statsProtectedSuppression', { threshold: p.threshold, withheld: p.withheld, primary: p.primary, secondary: p.secondary })
    : t('statsProtectedDp', { epsilon: p.epsilon, scale: p.noise_scale });
}

function barGroup(release: StatsSeriesRelease, bar: Bar, hatch: string, baseline: number): SVGGElement {
  const { groups } = release.series;
  const description = [
    `${monthName(bar.period, 'long')}:`,
    groups.map((g) => `${criterionName(g.code, 'short')} ${figure(g.counts[bar.index])}`).join('; '),
    `— ${t('total')} ${figure(bar.total)}`,
  ].join(' ');
  const centre = bar.x + bar.width / 2;
  const mark = bar.withheld;
  return s(
    'g',
    { class: 'bar', 'data-period': bar.period },
    s('title', {}, description),
    ...bar.segments.map((seg) =>
      s(
        'g',
        {},
        s('rect', {
          class: `seg seg-criterion-${seg.group}`,
          'data-group': seg.group,
          'data-value': seg.value,
          x: bar.x,
          y: seg.y,
          width: bar.width,
          height: seg.height,
        }),
        seg.height >= LABEL_MIN_PX
          ? s('text', { class: 'seg-label', x: centre, y: seg.y + seg.height / 2 + 4, 'text-anchor': 'middle' }, num(seg.value))
          : null,
      ),
    ),
    mark === null
      ? null
      : s('rect', {
          class: mark.totalKnown ? 'withheld' : 'withheld withheld-unknown',
          'data-withheld': mark.groups.join(' '),
          fill: `url(#${hatch})`,
          x: bar.x,
          y: mark.y,
          width: bar.width,
          height: mark.height,
        }),
    s(
      'text',
      { class: bar.total === null ? 'bar-total bar-total-withheld' : 'bar-total', x: centre, y: bar.top - 5, 'text-anchor': 'middle' },
      bar.total === null ? t('withheld') : num(bar.total),
    ),
    s('text', { class: 'axis-label', x: centre, y: baseline + 18, 'text-anchor': 'middle' }, monthName(bar.period, 'short')),
  );
}

/** The chart, its legend, its protection note and its table, for one release. */
export function criterionChart(release: StatsSeriesRelease, names: { place: string; year: string }): HTMLElement {
  const { series } = release;
  const layout = stackedBars(series, BOX);
  const hatch = uid('hatch');
  const withheldCount = series.groups.reduce((n, g) => n + g.counts.filter((c) => c === null).length, 0) + series.totals.filter((c) => c === null).length;
  const caption = t('statsCaption', names);
  const svg = s(
    'svg',
    {
      class: 'chart stats-chart',
      viewBox: `0 0 ${BOX.width} ${BOX.height}`,
      role: 'img',
      'aria-label': t('statsChartLabel', { ...names, withheld: withheldCount }),
    },
    s(
      'defs',
      {},
      s(
        'pattern',
        { id: hatch, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
        s('rect', { class: 'hatch-ground', width: 6, height: 6 }),
        s('line', { class: 'hatch-line', x1: 0, y1: 0, x2: 0, y2: 6 }),
      ),
    ),
    ...layout.ticks.map((tick) =>
      s(
        'g',
        { class: 'tick' },
        s('line', { class: tick.value === 0 ? 'axis' : 'grid', x1: BOX.left, x2: BOX.width - BOX.right, y1: tick.y, y2: tick.y }),
        s('text', { class: 'axis-label', x: BOX.left - 6, y: tick.y + 4, 'text-anchor': 'end' }, num(tick.value)),
      ),
    ),
    ...layout.bars.map((bar) => barGroup(release, bar, hatch, layout.baseline)),
  );
  return h(
    'figure',
    { class: 'chart-card stats-figure', 'data-release': release.release, 'data-place': series.place ?? '', 'data-withheld-count': withheldCount },
    h('figcaption', {}, h('strong', {}, caption)),
    svg,
    h(
      'ul',
      { class: 'legend', 'data-legend': 'criteria' },
      ...series.groups.map((g) =>
        h('li', { 'data-criterion': g.code }, h('span', { class: `swatch seg-criterion-${g.code}`, 'aria-hidden': 'true' }), criterionName(g.code, 'long')),
      ),
      h('li', { 'data-legend-withheld': '' }, h('span', { class: 'swatch swatch-withheld', 'aria-hidden': 'true' }), t('withheldLegend')),
    ),
    h('p', { class: 'callout callout-info', 'data-protection': protectionOf(release)?.method ?? 'unknown' }, protectionNote(protectionOf(release))),
    h('p', { class: 'muted' }, t('statsRelease', { release: release.release, when: dateTime(release.generated_at) })),
    figuresTable(release, caption),
  );
}

/** The same figures as a table: months down, criteria and the total across; withheld cells say so. */
function figuresTable(release: StatsSeriesRelease, caption: string): HTMLElement {
  const { series } = release;
  const cell = (period: string, group: string, v: number | null | undefined) =>
    h('td', { class: v === null || v === undefined ? 'num cell-withheld' : 'num', 'data-period': period, 'data-group': group }, figure(v));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'compact stats-table', 'data-stats-table': release.table },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('statsMonth')),
          ...series.groups.map((g) => h('th', { scope: 'col', class: 'num', title: criterionName(g.code, 'long') }, criterionName(g.code, 'short'))),
          h('th', { scope: 'col', class: 'num' }, t('total')),
        ),
      ),
      h(
        'tbody',
        {},
        ...series.periods.map((period, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, monthName(period, 'long')),
            ...series.groups.map((g) => cell(period, g.code, g.counts[i])),
            cell(period, 'total', series.totals[i]),
          ),
        ),
      ),
    ),
  );
}
