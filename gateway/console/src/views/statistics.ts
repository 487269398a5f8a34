/**
 * Statistics: what the crime table's public tier would publish for one province (or the whole
 * country) in one year, drawn as stacked bars by safe-village criterion per month. The officer picks
 * the province and the year; the gateway protects the table at the public tier's threshold (the only
 * one it publishes the table at, so that no two differently protected releases exist), logs the
 * preview as the officer's release, and returns the series; the console draws exactly that.
 */
import type { StatsPreviewQuery, StatsSeriesRelease } from '../api.js';
import { h } from '../dom.js';
import { currentLang, digits, num, t } from '../i18n/i18n.js';
import { problemSentence } from '../i18n/problem-words.js';
import { parseProvince, parseStatsRoute, parseWhole, statsRoute, STATS_YEARS, type StatsChoice } from '../stats-route.js';
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

function choiceForm(shown: StatsChoice | null, refresh: () => void): HTMLElement {
  const province = input({ name: 'province', inputmode: 'numeric', maxlength: 2, autocomplete: 'off', size: 4, value: shown?.province ?? '' });
  const year = input({
    name: 'year',
    inputmode: 'numeric',
    maxlength: 4,
    autocomplete: 'off',
    size: 6,
    required: true,
    value: String(shown?.year ?? new Date().getFullYear()),
  });
  const form = h(
    'form',
    { class: 'stats-form', novalidate: true },
    field(t('statsProvince'), province, t('statsProvinceHelp')),
    field(t('statsYear'), year),
    h('div', { class: 'form-buttons' }, h('button', { type: 'submit', class: 'primary' }, t('statsShow'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const p = parseProvince(province.value);
    const y = parseWhole(year.value, STATS_YEARS.min, STATS_YEARS.max);
    province.setCustomValidity(p === undefined ? t('statsProvinceHelp') : '');
    year.setCustomValidity(y === undefined ? `${num(STATS_YEARS.min)}–${num(STATS_YEARS.max)}` : '');
    if (p === undefined || y === undefined) {
      form.reportValidity();
      return;
    }
    const next = statsRoute({ province: p, year: y });
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
    result = h('p', { class: 'alert alert-error', role: 'alert' }, problemSentence('not_found', currentLang()));
  } else if (choice === null) {
    result = h('p', { class: 'muted' }, t('statsChoose'));
  } else {
    const query: StatsPreviewQuery = {
      level: 'province',
      period: 'month',
      year: choice.year,
      ...(choice.province === null ? {} : { province: choice.province }),
    };
    const names = { place: placeName(choice.province), year: digits(String(choice.year)) };
    try {
      const route = statsRoute(choice);
      const release = kept?.route === route ? kept.release : await ctx.api.statsPreviewSeries(TABLE, query);
      kept = { route, release };
      const nothing = [...release.series.totals, ...release.series.groups.flatMap((g) => g.counts)].every((v) => v === null);
      result = h(
        'div',
        {},
        nothing ? h('p', { class: 'callout callout-warn', role: 'status' }, t('statsAllWithheld', names)) : null,
        criterionChart(release, names),
      );
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
        : h(
            'p',
            { 'data-public-tier': tier.enabled ? 'open' : 'closed' },
            t('statsPublicTier', { state: t(tier.enabled ? 'statsTierOpen' : 'statsTierClosed'), threshold: tier.threshold }),
          ),
      h('p', {}, t('statsProtection')),
      tier === undefined ? null : choiceForm(choice, ctx.refresh),
      h('div', { class: 'stats-result', 'aria-live': 'polite' }, result),
    ),
  );
}
