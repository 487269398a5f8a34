import type { Lang } from '../lib/i18n/lang.js';
import { markTileCssSize } from '../lib/trace-mark/image.js';
import { lineOffset, tileSize, WATERMARK_ANGLE, WATERMARK_FONT_PX, WATERMARK_OPACITY, watermarkLines, type WatermarkInfo } from '../lib/watermark.js';

const FONT = `600 ${WATERMARK_FONT_PX}px "Noto Sans Khmer", system-ui, sans-serif`;

/** Draws one watermark tile, its words in `lang`, and returns it as a PNG data URL with its size. */
export function watermarkTile(info: WatermarkInfo, nowMs: number, lang: Lang): { url: string; width: number; height: number } {
  const lines = watermarkLines(info, nowMs, lang);
  const probe = document.createElement('canvas').getContext('2d');
  if (probe === null) throw new Error('no 2D canvas');
  probe.font = FONT;
  const { width, height } = tileSize(lines, (t) => probe.measureText(t).width);
  const canvas = document.createElement('canvas');
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  canvas.width = Math.ceil(width * ratio);
  canvas.height = Math.ceil(height * ratio);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D canvas');
  ctx.scale(ratio, ratio);
  ctx.translate(width / 2, height / 2);
  ctx.rotate((WATERMARK_ANGLE * Math.PI) / 180);
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = `rgba(20, 20, 60, ${WATERMARK_OPACITY})`;
  for (const [i, line] of lines.entries()) ctx.fillText(line, 0, lineOffset(i, lines.length));
  return { url: canvas.toDataURL('image/png'), width, height };
}

/**
 * Turns an RGBA tile (the invisible trace mark) into a data URL, sized so one tile pixel is one
 * device pixel at the current display scale (what lets a screenshot be read at 125 % or 150 %).
 */
export function rgbaTile(tile: { width: number; height: number; rgba: Uint8ClampedArray }): { url: string; width: number; height: number } {
  const canvas = document.createElement('canvas');
  canvas.width = tile.width;
  canvas.height = tile.height;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2D canvas');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(tile.rgba), tile.width, tile.height), 0, 0);
  return { url: canvas.toDataURL('image/png'), ...markTileCssSize(window.devicePixelRatio) };
}
