import { describe, expect, it } from 'vitest';
import type { Grant } from './api.js';
import { layoutTimeline } from './timeline-layout.js';

const NOW = Date.parse('2026-11-23T01:00:00Z');
const H = 3600_000;
const grant = (id: string, startH: number, endH: number, over: Partial<Grant> = {}): Grant => ({
  id,
  purpose_id: 'p',
  agency_id: 'a',
  not_before: new Date(NOW + startH * H).toISOString(),
  not_after: new Date(NOW + endH * H).toISOString(),
  data_life_seconds: 3600,
  status: 'active',
  live: startH <= 0 && endH > 0,
  note: '',
  record_ids: null,
  row_scope: null,
  row_scope_words: { en: 'every record the purpose covers', km: '' },
  unblurred_media: false,
  sensitive_cases: false,
  leadership_approvals: [],
  leadership_approvals_in_force: [],
  version: 1,
  created_by: 'po',
  created_at: new Date(NOW - H).toISOString(),
  updated_at: new Date(NOW - H).toISOString(),
  requests: [],
  ...over,
});

describe('timeline layout', () => {
  it('places windows on the axis, live first, and calls out those ending within a day', () => {
    const layout = layoutTimeline(
      [
        grant('later', 24, 48),
        grant('outbreak', -1, 95),
        grant('ending', -72, 5),
        grant('asked', 0, 96, { status: 'pending', live: false }),
        grant('gone', -200, -100, { status: 'expired', live: false }),
      ],
      NOW,
      '2w',
    );
    expect(layout.bars.map((b) => [b.grant.id, b.state])).toEqual([
      ['ending', 'live'],
      ['outbreak', 'live'],
      ['asked', 'pending'],
      ['later', 'scheduled'],
    ]);
    expect(layout.bars.find((b) => b.grant.id === 'ending')?.endsSoon).toBe(true);
    expect(layout.bars.find((b) => b.grant.id === 'outbreak')?.endsSoon).toBe(false);
    expect(layout.now).toBeCloseTo(2 / 16);
    const outbreak = layout.bars.find((b) => b.grant.id === 'outbreak');
    expect(outbreak?.x1).toBeCloseTo((2 * 24 + 95) / (16 * 24));
  });

  it('clips windows that run past the axis and drops those wholly outside', () => {
    const layout = layoutTimeline([grant('year', -24 * 100, 24 * 265), grant('old', -24 * 30, -24 * 20, { live: false, status: 'expired' })], NOW, '2w');
    expect(layout.bars).toHaveLength(1);
    expect(layout.bars[0]).toMatchObject({ x0: 0, x1: 1, clippedLeft: true, clippedRight: true });
  });

  it('shows a revoked grant as ended even inside its window, as the gateway says it is not live', () => {
    const layout = layoutTimeline([grant('revoked', -1, 95, { status: 'revoked', live: false })], NOW, '2w');
    expect(layout.bars[0]?.state).toBe('ended');
  });

  it('leaves ended windows out when "hide ended" is on, and only those', () => {
    const grants = [
      grant('revoked', -1, 95, { status: 'revoked', live: false }),
      grant('expired', -48, -2, { status: 'expired', live: false }),
      grant('live', -1, 95),
      grant('asked', 0, 96, { status: 'pending', live: false }),
    ];
    expect(layoutTimeline(grants, NOW, '2w', { hideEnded: true }).bars.map((b) => b.grant.id)).toEqual(['live', 'asked']);
    expect(layoutTimeline(grants, NOW, '2w').bars).toHaveLength(4);
  });
});
