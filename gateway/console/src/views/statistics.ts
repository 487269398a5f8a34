/**
 * Statistics: what the crime table's public tier would publish for one province (or the whole
 * country) in one year, drawn as stacked bars by safe-village criterion per month. The officer picks
 * the province, the year and a threshold at or above the tier's; the gateway protects the table
 * (small-cell suppression, as the public tier applies it), logs the preview as the officer's
 * release, and returns the series; the console draws exactly that.
 */
import type { StatsPreviewQuery, StatsPublicSetting, StatsSeriesRelease } from '../api.js';
import { h } from '../dom.js';
import { digits, num, t } from '../i18n/i18n.js';
import { MAX_THRESHOLD, parseProvince, parseStatsRoute, parseWhole, statsRoute, STATS_YEARS, type StatsChoice } from '../stats-route.js';
import { field, input, problemBox } from '../ui.js';
import type { ViewContext } from './context.js';
import { criterionChart } from './criterion-chart.js';

/** The table this view draws. */
const TABLE = 'crime';

/**
 * The preview on screen, kept in memory for this page only, so that switching the language or the
 * zone redraws it instead of making (and logging) another release. Show always asks afresh.
 */
let kept: { readonly route: string; readonly release: StatsSeriesRelease } | null = null;

/** The place a choice is about, in words. */
const placeName = (province: string | null): string => (province === null ? t('statsPlaceCountry') : t('statsPlaceProvince', { code: digits(province) }));

function choiceForm(tier: StatsPublicSetting, shown: StatsChoice | null, refresh: () => void): HTMLElement {
  const province = input({ name: 'province', inputmode: 'numeric', maxlength: 2, autocomplete: 'off', size: 4, value: shown?.province ?? '' });
  const year = input({ name: 'year', inputmode: 'numeric', maxlength: 4, autocomplete: 'off', size: 6, required: true, value: String(shown?.year ?? new Date().getFullYear()) });
  const threshold = h('input', { type: 'number', name: 'threshold', min: tier.threshold, max: MAX_THRESHOLD, step: 1, required: true, value: String(Math.max(tier.threshold, shown?.threshold ?? tier.threshold)) });
  const form = h(
    'form',
    { class: 'stats-form', novalidate: true },
    field(t('statsProvince'), province, t('statsProvinceHelp')),
    field(t('statsYear'), year),
    field(t('statsThreshold'), threshold, t('statsThresholdHelp', { threshold: tier.threshold })),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'primary' }, t('statsShow'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const p = parseProvince(province.value);
    const y = parseWhole(year.value, STATS_YEARS.min, STATS_YEARS.max);
    const th = parseWhole(threshold.value, tier.threshold, MAX_THRESHOLD);
    province.setCustomValidity(p === undefined ? t('statsProvinceHelp') : '');
    year.setCustomValidity(y === undefined ? `${num(STATS_YEARS.min)}–${num(STATS_YEARS.max)}` : '');
    threshold.setCustomValidity(th === undefined ? t('statsThresholdHelp', { threshold: tier.threshold }) : '');
    if (p === undefined || y === undefined || th === undefined) {
      form.reportValidity();
      return;
    }
    // The tier's own threshold is what the gateway applies anyway: leave it out of the address.
    const next = statsRoute({ province: p, year: y, threshold: th === tier.threshold ? null : th });
    kept = null;
    if (next === location.hash) refresh();
    else location.hash = next;
  });
  return form;
}

export async function statisticsView(ctx: ViewContext, routeParts: readonly string[]): Promise<HTMLElement> {
  const tiers = await ctx.api.statsTables();
  const tier = tiers.find((x) => x.table === TABLE);
  const choice = parseStatsRoute(routeParts);
  let result: HTMLElement;
  if (tier === undefined) {
    result = h('p', { class: 'alert alert-error', role: 'alert' }, t('errorTitle', { code: 'not_found' }));
  } else if (choice === null) {
    result = h('p', { class: 'muted' }, t('statsChoose'));
  } else {
    const query: StatsPreviewQuery = { level: 'province', period: 'month', year: choice.year, ...(choice.province === null ? {} : { province: choice.province }), ...(choice.threshold === null ? {} : { threshold: choice.threshold }) };
    const names = { place: placeName(choice.province), year: digits(String(choice.year)) };
    try {
      const route = statsRoute(choice);
      const release = kept?.route === route ? kept.release : await ctx.api.statsPreviewSeries(TABLE, query);
      kept = { route, release };
      const nothing = [...release.series.totals, ...release.series.groups.flatMap((g) => g.counts)].every((v) => v === null);
      result = h('div', {}, nothing ? h('p', { class: 'callout callout-warn', role: 'status' }, t('statsAllWithheld', names)) : null, criterionChart(release, names));
    } catch (err) {
      result = problemBox(err);
    }
  }
  return h(
    'div',
    {},
    h('div', { class: 'page-head' }, h('h1', { tabindex: -1 }, t('statsTitle'))),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'crime-chart-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'crime-chart-title' }, t('crimeChartTitle'))),
      h('p', { class: 'muted' }, t('statsIntro')),
      tier === undefined
        ? null
        : h('p', { 'data-public-tier': tier.enabled ? 'open' : 'closed' }, t('statsPublicTier', { state: t(tier.enabled ? 'statsTierOpen' : 'statsTierClosed'), threshold: tier.threshold })),
      h('p', {}, t('statsProtection')),
      tier === undefined ? null : choiceForm(tier, choice, ctx.refresh),
      h('div', { class: 'stats-result', 'aria-live': 'polite' }, result),
    ),
  );
}
