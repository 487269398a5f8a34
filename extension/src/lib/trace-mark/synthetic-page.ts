/**
 * Test support for the image mark: synthetic viewer screenshots (a light page, a header bar, lines
 * of dark text-like strokes, a noisy photo) and the operations a leak puts them through. Seeded, so
 * every test sees the same pixels each run. Not part of the extension's bundle.
 */
import type { MarkTile } from './image.js';

/** An RGBA image. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** A small seeded PRNG (mulberry32), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fill(p: Picture, x0: number, y0: number, w: number, h: number, rgb: readonly [number, number, number]): void {
  for (let y = Math.max(0, y0); y < Math.min(p.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(p.width, x0 + w); x++) {
      const i = (y * p.width + x) * 4;
      p.rgba.set(rgb, i);
    }
  }
}

/**
 * A viewer-like page: white, a light grey header, a tinted card, lines of "words" made of dark
 * vertical strokes (about 15 % ink overall in text areas) and a photo-like area of smooth gradients
 * plus strong per-pixel noise covering `photoFraction` of the page width and half its height.
 */
export function syntheticPage(width: number, height: number, seed: number, photoFraction = 0.3): Picture {
  const rnd = seededRandom(seed);
  const page: Picture = { width, height, rgba: new Uint8ClampedArray(width * height * 4).fill(255) };
  fill(page, 0, 0, width, 56, [238, 240, 244]);
  fill(page, 24, 80, Math.floor(width * 0.6), height - 120, [250, 248, 242]);
  for (let line = 72; line + 14 < height; line += 22) {
    let x = 32 + Math.floor(rnd() * 24);
    const end = Math.floor(width * (0.5 + rnd() * 0.45));
    while (x < end) {
      const word = 12 + Math.floor(rnd() * 60);
      for (let sx = x; sx < Math.min(x + word, end); sx += 2 + Math.floor(rnd() * 3)) {
        const ink = 20 + Math.floor(rnd() * 80);
        fill(page, sx, line + Math.floor(rnd() * 3), 1 + Math.floor(rnd() * 2), 8 + Math.floor(rnd() * 5), [ink, ink, ink + 10]);
      }
      x += word + 6 + Math.floor(rnd() * 6);
    }
  }
  const pw = Math.floor(width * photoFraction);
  const px = width - pw - 16;
  const py = 72;
  const ph = Math.floor(height / 2);
  for (let y = py; y < Math.min(height, py + ph); y++) {
    for (let x = px; x < px + pw; x++) {
      const base = 60 + 120 * Math.sin((x - px) / 37) * Math.cos((y - py) / 23) ** 2;
      const i = (y * width + x) * 4;
      for (let ch = 0; ch < 3; ch++) page.rgba[i + ch] = base + 40 * ch + (rnd() - 0.5) * 80;
    }
  }
  return page;
}

/**
 * What the browser shows: `tile` repeated over `page` from (`offsetX`, `offsetY`) (the viewport's
 * origin relative to the page's first pixel), each tile pixel drawn as a `scale` × `scale` block,
 * alpha-composited with rounding as a compositor does.
 */
export function composite(page: Picture, tile: MarkTile, offsetX = 0, offsetY = 0, scale = 1): Picture {
  const out = new Uint8ClampedArray(page.rgba);
  const tw = tile.width * scale;
  const th = tile.height * scale;
  for (let y = 0; y < page.height; y++) {
    const ty = Math.floor(((((y + offsetY) % th) + th) % th) / scale);
    for (let x = 0; x < page.width; x++) {
      const tx = Math.floor(((((x + offsetX) % tw) + tw) % tw) / scale);
      const t = (ty * tile.width + tx) * 4;
      const alpha = (tile.rgba[t + 3] as number) / 255;
      if (alpha === 0) continue;
      const i = (y * page.width + x) * 4;
      for (let ch = 0; ch < 3; ch++) out[i + ch] = Math.round((out[i + ch] as number) * (1 - alpha) + (tile.rgba[t + ch] as number) * alpha);
    }
  }
  return { width: page.width, height: page.height, rgba: out };
}

/** A rectangle cut out of `p`. */
export function crop(p: Picture, x0: number, y0: number, width: number, height: number): Picture {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) rgba.set(p.rgba.subarray(((y0 + y) * p.width + x0) * 4, ((y0 + y) * p.width + x0 + width) * 4), y * width * 4);
  return { width, height, rgba };
}

/** `p` with independent uniform noise of ±`amplitude` levels on every channel (a crude stand-in for lossy compression). */
export function withNoise(p: Picture, amplitude: number, seed: number): Picture {
  const rnd = seededRandom(seed);
  const rgba = new Uint8ClampedArray(p.rgba);
  for (let i = 0; i < rgba.length; i++) if (i % 4 !== 3) rgba[i] = (rgba[i] as number) + Math.round((rnd() * 2 - 1) * amplitude);
  return { width: p.width, height: p.height, rgba };
}

/** `p` resampled by `factor` with bilinear interpolation (a scaled or zoomed screenshot). */
export function resized(p: Picture, factor: number): Picture {
  const width = Math.round(p.width * factor);
  const height = Math.round(p.height * factor);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const at = (x: number, y: number, ch: number) => p.rgba[(Math.min(p.height - 1, y) * p.width + Math.min(p.width - 1, x)) * 4 + ch] as number;
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5) / factor - 0.5;
    const y0 = Math.max(0, Math.floor(sy));
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5) / factor - 0.5;
      const x0 = Math.max(0, Math.floor(sx));
      const fx = Math.max(0, sx - x0);
      for (let ch = 0; ch < 4; ch++) {
        const top = at(x0, y0, ch) * (1 - fx) + at(x0 + 1, y0, ch) * fx;
        const bottom = at(x0, y0 + 1, ch) * (1 - fx) + at(x0 + 1, y0 + 1, ch) * fx;
        rgba[(y * width + x) * 4 + ch] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width, height, rgba };
}
