/** A tiny RGB raster with the few flat shapes the synthetic pictures are made of. */

/** An RGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** A width × height RGB picture, filled with `background`. */
export class Canvas {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;

  constructor(width: number, height: number, background: Rgb) {
    this.width = width;
    this.height = height;
    this.rgb = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  /** Sets one pixel (ignored outside the picture). */
  pixel(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.rgb.set(c, (Math.floor(y) * this.width + Math.floor(x)) * 3);
  }

  /** A filled axis-aligned rectangle. */
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let j = Math.max(0, Math.floor(y)); j < Math.min(this.height, Math.ceil(y + h)); j++)
      for (let i = Math.max(0, Math.floor(x)); i < Math.min(this.width, Math.ceil(x + w)); i++) this.pixel(i, j, c);
  }

  /** A filled ellipse centred on (cx, cy), limited to rows from `fromY` on (for half shapes). */
  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, fromY = -Infinity): void {
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      if (y < fromY) continue;
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) this.pixel(x, y, c);
    }
  }
}
