/**
 * The timeline of every grant's window: one row per grant on a shared time axis, the present
 * marked, live windows highlighted, and windows ending within a day called out in words above it;
 * ended windows are hidden by default ("hide ended", as in the lists).
 */
import type { Agency, Grant, Purpose } from '../api.js';
import { h, s } from '../dom.js';
import { dateTime, dayMonth, span, t } from '../i18n/i18n.js';
import { EXPIRING_SOON_HOURS, layoutTimeline, type BarState, type TimelineRange } from '../timeline-layout.js';
import { agencyName, purposeTitle } from './context.js';
import { checkbox, select } from '../ui.js';

const LABEL_WIDTH = 260;
const AXIS_WIDTH = 640;
const ROW_HEIGHT = 28;
const TOP = 26;

const LEGEND: Record<BarState, Parameters<typeof t>[0]> = {
  live: 'legendLive',
  pending: 'legendPending',
  suspended: 'legendSuspended',
  scheduled: 'legendScheduled',
  ended: 'legendEnded',
};

let range: TimelineRange = '2w';
/** Ended windows are left out by default, as in the lists; kept for this page load. */
let hideEnded = true;

export function timelineSection(grants: readonly Grant[], purposes: readonly Purpose[], agencies: readonly Agency[], nowMs: number): HTMLElement {
  const section = h('section', { class: 'card', 'aria-labelledby': 'timeline-title' });
  const draw = () => {
    const layout = layoutTimeline(grants, nowMs, range, { hideEnded });
    const soon = layout.bars.filter((b) => b.endsSoon);
    const label = (g: Grant) => `${purposeTitle(purposes, g.purpose_id)} → ${agencyName(agencies, g.agency_id)}`;
    const height = TOP + layout.bars.length * ROW_HEIGHT + 8;
    const xOf = (f: number) => LABEL_WIDTH + f * AXIS_WIDTH;
    const svg = s(
      'svg',
      { class: 'timeline', viewBox: `0 0 ${LABEL_WIDTH + AXIS_WIDTH + 10} ${height}`, role: 'img', 'aria-labelledby': 'timeline-title timeline-desc' },
      s(
        'desc',
        { id: 'timeline-desc' },
        layout.bars.map((b) => `${label(b.grant)}: ${t(LEGEND[b.state])}, ${dateTime(b.grant.not_before)} – ${dateTime(b.grant.not_after)}`).join('; '),
      ),
      ...layout.ticks.map((tick) =>
        s(
          'g',
          { class: 'tick' },
          s('line', { x1: xOf(tick.x), x2: xOf(tick.x), y1: TOP - 6, y2: height }),
          s('text', { x: xOf(tick.x), y: TOP - 10, 'text-anchor': 'middle' }, dayMonth(tick.at)),
        ),
      ),
      ...layout.bars.map((b, i) => {
        const y = TOP + i * ROW_HEIGHT;
        return s(
          'g',
          { class: `bar bar-${b.state}${b.endsSoon ? ' bar-soon' : ''}`, 'data-grant': b.grant.id },
          s('title', {}, `${label(b.grant)} — ${t(LEGEND[b.state])}: ${dateTime(b.grant.not_before)} – ${dateTime(b.grant.not_after)}`),
          s('text', { x: LABEL_WIDTH - 8, y: y + 18, 'text-anchor': 'end', class: 'bar-label' }, truncate(label(b.grant), 34)),
          s('rect', { x: xOf(b.x0), y: y + 5, width: Math.max(3, (b.x1 - b.x0) * AXIS_WIDTH), height: ROW_HEIGHT - 10, rx: 4 }),
          b.clippedRight ? s('text', { x: xOf(b.x1) - 4, y: y + 18, 'text-anchor': 'end', class: 'bar-more' }, '›') : null,
          b.endsSoon
            ? s('text', { x: Math.min(xOf(b.x1) + 6, LABEL_WIDTH + AXIS_WIDTH - 40), y: y + 18, class: 'bar-soon-label' }, `⚠ ${span(b.secondsLeft)}`)
            : null,
        );
      }),
      s('line', { class: 'now', x1: xOf(layout.now), x2: xOf(layout.now), y1: TOP - 6, y2: height }),
      s('text', { class: 'now-label', x: xOf(layout.now) + 3, y: height - 2 }, t('now')),
    );
    const rangeSelect = select(
      (['2w', '3m', '1y'] as const).map((r) => ({ value: r, label: t(r === '2w' ? 'range2w' : r === '3m' ? 'range3m' : 'range1y') })),
      range,
      { id: 'timeline-range' },
    );
    rangeSelect.addEventListener('change', () => {
      range = rangeSelect.value as TimelineRange;
      draw();
      (section.querySelector('#timeline-range') as HTMLElement | null)?.focus();
    });
    const hide = checkbox('timeline-hide-ended', t('hideEnded'), { checked: hideEnded });
    hide.box.addEventListener('change', () => {
      hideEnded = hide.box.checked;
      draw();
      (section.querySelector('input[name="timeline-hide-ended"]') as HTMLElement | null)?.focus();
    });
    section.replaceChildren(
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'timeline-title' }, t('timelineTitle')),
        h('label', { for: 'timeline-range', class: 'inline' }, t('timelineRange')),
        rangeSelect,
        hide.element,
      ),
      soon.length === 0
        ? h('p', { class: 'callout callout-ok' }, t('noExpiring', { hours: EXPIRING_SOON_HOURS }))
        : h(
            'div',
            { class: 'callout callout-warn', role: 'status' },
            h('strong', {}, t('expiringSoon', { hours: EXPIRING_SOON_HOURS })),
            h(
              'ul',
              {},
              ...soon.map((b) =>
                h(
                  'li',
                  {},
                  t('expiringCallout', {
                    purpose: purposeTitle(purposes, b.grant.purpose_id),
                    agency: agencyName(agencies, b.grant.agency_id),
                    when: dateTime(b.grant.not_after),
                    left: span(b.secondsLeft),
                  }),
                ),
              ),
            ),
          ),
      h('div', { class: 'timeline-wrap' }, svg),
      h(
        'ul',
        { class: 'legend' },
        ...(['live', 'pending', 'suspended', 'scheduled', 'ended'] as const).map((state) =>
          h('li', {}, h('span', { class: `swatch swatch-${state}`, 'aria-hidden': 'true' }), t(LEGEND[state])),
        ),
      ),
    );
  };
  draw();
  return section;
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
