/**
 * The visible watermark: who is looking, for which agency, purpose and grant, when, and which view.
 * Tiled across the whole viewer at an angle, dark enough to read in a screenshot or a phone photo,
 * light enough to read the record through. Its words and date are in the officer's language; the
 * ids (officer, grant, view) stay as the gateway writes them, so a photo of the screen can be traced.
 */
import { formatDateTime } from './i18n/format.js';
import { translate, type Lang } from './i18n/lang.js';

/** Who, where and what the watermark names: agency and purpose already in the officer's language. */

export interface WatermarkInfo {
  readonly officerName: string;
  readonly officerId: string;
  readonly agency: string;
  readonly purpose: string;
  readonly grant: string;
  readonly viewId: string;
}

/** Opacity of the watermark text: readable in a phone photo, not in the way of reading. */
export const WATERMARK_OPACITY = 0.2;
/** Tilt of the text (degrees), so it cannot be cropped out along a line of the record. */
export const WATERMARK_ANGLE = -24;
export const WATERMARK_FONT_PX = 15;
const LINE_HEIGHT = 1.35;
const GAP_PX = 56;

/** A short form of the view id for people to read out (the whole id is in the trace mark). */
export const shortViewId = (viewId: string) => viewId.slice(0, 6);

/**
 * The watermark's lines at `nowMs` in `lang`: the date and time in Phnom Penh written as the rest of
 * the viewer writes them (Khmer month names and digits in Khmer), the words around the ids in `lang`,
 * and the ids themselves unchanged (Latin letters and digits, as the trace-mark lookup reads them).
 *
 * @example watermarkLines(info, Date.parse('2026-11-23T01:30:00Z'), 'km')[3] // '២៣ វិច្ឆិកា ២០២៦ ០៨:៣០ (ម៉ោងភ្នំពេញ) · ការមើល Xy3_q9'
 */
export function watermarkLines(info: WatermarkInfo, nowMs: number, lang: Lang): string[] {
  return [
    `${info.officerName} · ${info.officerId}`,
    info.agency,
    translate(lang, 'underGrant', { purpose: info.purpose, grant: info.grant }),
    translate(lang, 'watermarkWhen', { when: formatDateTime(lang, nowMs), view: shortViewId(info.viewId) }),
  ];
}

/**
 * The size of one tile holding `lines` (px) before rotation, given a measure of text width. The
 * tile is big enough that the rotated text never touches the next tile's.
 */
export function tileSize(lines: readonly string[], measure: (text: string) => number, fontPx = WATERMARK_FONT_PX): { width: number; height: number } {
  const textWidth = Math.max(...lines.map(measure), 1);
  const textHeight = lines.length * fontPx * LINE_HEIGHT;
  const rad = (Math.abs(WATERMARK_ANGLE) * Math.PI) / 180;
  // Bounding box of the rotated text block, plus a gap.
  const width = Math.ceil(textWidth * Math.cos(rad) + textHeight * Math.sin(rad)) + GAP_PX;
  const height = Math.ceil(textWidth * Math.sin(rad) + textHeight * Math.cos(rad)) + GAP_PX;
  return { width, height };
}

/** Line `i`'s baseline offset from the centre of the text block (px). */
export function lineOffset(i: number, count: number, fontPx = WATERMARK_FONT_PX): number {
  return (i - (count - 1) / 2) * fontPx * LINE_HEIGHT;
}
