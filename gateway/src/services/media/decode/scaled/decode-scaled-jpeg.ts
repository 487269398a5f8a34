/**
 * Decoding a JPEG at 1/1, 1/2, 1/4 or 1/8 of its size in the DCT domain (as libjpeg's
 * `scale_denom`), so that a 12-megapixel phone photo never exists at full size in memory: each
 * 8 × 8 block goes through a smaller inverse transform (scaled-idct.ts), and a subsampled colour
 * component through a larger one, so that every component comes out at the picture's scaled size
 * with no upsampling pass. Baseline, extended sequential and progressive Huffman-coded frames;
 * restart intervals; grey and three-component colour with any power-of-two sampling. Pure.
 */
import type { RgbaImage } from '@need2know/png';
import { ImageDecodeError } from '../errors.js';
import { buildHuffmanTable, type HuffmanTable } from './entropy-reader.js';
import { type BlockSamples, idctBlockScaled } from './scaled-idct.js';
import { type CoefficientStore, decodeScan, type ScanComponent, type ScanSink, ZIGZAG } from './scan-decoder.js';

/** The scales a JPEG decodes at: the picture's width and height are divided by this (rounded up). */
export type ScaleDenominator = 1 | 2 | 4 | 8;

/** Options of {@link decodeJpegScaled}. */
export interface ScaledDecodeOptions {
  readonly denominator: ScaleDenominator;
  /** Most bytes the coefficients of a progressive frame may take, kept until its last scan (see {@link coefficientBytes}). */
  readonly maxCoefficientBytes: number;
}

interface Component extends ScanComponent {
  readonly id: number;
  readonly tq: number;
  quant: Uint16Array | null;
  coef: CoefficientStore | null;
  plane: Uint8Array;
  nx: BlockSamples;
  ny: BlockSamples;
  rx: number;
  ry: number;
}

const corrupt = (message: string) => new ImageDecodeError('ERR_IMAGE_CORRUPT', message);
const unsupported = (message: string) => new ImageDecodeError('ERR_IMAGE_UNSUPPORTED', message);
const u16 = (b: Uint8Array, i: number) => ((b[i] as number) << 8) | (b[i + 1] as number);
const SOF_SEQUENTIAL = new Set([0xc0, 0xc1]);
/** Start-of-frame markers (T.81 Table B.1): C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/**
 * Bytes a progressive component of `blocks` blocks keeps until its last scan: `kept` two-byte
 * values per block (the coefficients the scaled transform reads) and 8 bytes of non-zero flags. A
 * 12-megapixel 4:2:0 photo at 1/2 keeps ≈ 19 MB (all 64 coefficients of each colour block, 16 of
 * each grey one), a 4:4:4 one ≈ 22 MB.
 */
export function coefficientBytes(blocks: number, kept: number): number {
  return blocks * (kept * 2 + 8);
}

/** An empty store for `blocks` blocks decoded to `nx` × `ny` samples. */
function coefficientStore(blocks: number, nx: number, ny: number): CoefficientStore {
  const slot = new Int8Array(64).fill(-1);
  for (let v = 0; v < ny; v++) for (let u = 0; u < nx; u++) slot[v * 8 + u] = v * nx + u;
  return { values: new Int16Array(blocks * nx * ny), kept: nx * ny, slot, nonzero: new Uint32Array(blocks * 2) };
}

/** How many samples a block gives along a side, and how often each is repeated, for `effective` samples per block. */
function samplesOf(effective: number): { n: BlockSamples; r: number } {
  if (![1, 2, 4, 8, 16, 32].includes(effective)) throw unsupported('component sampling factors must divide by powers of two');
  return effective > 8 ? { n: 8, r: effective / 8 } : { n: effective as BlockSamples, r: 1 };
}

/**
 * Decodes `bytes` (a whole JPEG file, its structure already checked) to RGBA at
 * 1/`denominator` of its stored size, not turned by its EXIF orientation. Each output pixel is
 * close to the mean of the `denominator` × `denominator` pixels it stands for.
 *
 * @example
 * const half = decodeJpegScaled(photo, { denominator: 2, maxCoefficientBytes: 80 << 20 }); // 4000 × 3000 → 2000 × 1500
 * @throws ImageDecodeError `ERR_IMAGE_CORRUPT`, `ERR_IMAGE_UNSUPPORTED`, `ERR_IMAGE_CMYK`, `ERR_IMAGE_TOO_LARGE`.
 */
export function decodeJpegScaled(bytes: Uint8Array, { denominator, maxCoefficientBytes }: ScaledDecodeOptions): RgbaImage {
  const quant: (Uint16Array | null)[] = [null, null, null, null];
  const dc: (HuffmanTable | null)[] = [null, null, null, null];
  const ac: (HuffmanTable | null)[] = [null, null, null, null];
  let restartInterval = 0;
  let adobeTransform: number | null = null;
  let frame: { width: number; height: number; progressive: boolean; components: Component[]; mcusPerLine: number; mcusPerColumn: number } | null = null;
  const perBlock = 8 / denominator;

  const sink: ScanSink = {
    block(c, row, col, coef) {
      const k = c as Component;
      idctBlockScaled(coef, 0, 8, k.quant as Uint16Array, k.nx, k.ny, k.rx, k.ry, k.plane, stride(k), col * k.nx * k.rx, row * k.ny * k.ry);
    },
    coefficients: (c) => (c as Component).coef as CoefficientStore,
  };
  const stride = (c: Component) => c.blocksPerLine * c.nx * c.rx;

  let at = 2;
  for (;;) {
    if (at + 1 >= bytes.length || bytes[at] !== 0xff) throw corrupt('expected a marker');
    let m = at + 1;
    while (bytes[m] === 0xff && m < bytes.length - 1) m++;
    const marker = bytes[m] as number;
    if (marker === 0xd9) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at = m + 1;
      continue;
    }
    if (m + 2 >= bytes.length) throw corrupt('segment runs past the end');
    const end = m + 1 + u16(bytes, m + 1);
    if (end > bytes.length || end < m + 3) throw corrupt('segment runs past the end');
    const d = bytes.subarray(m + 3, end);
    at = end;
    if (marker === 0xdb) {
      for (let i = 0; i < d.length; ) {
        const wide = (d[i] as number) >> 4;
        const id = (d[i] as number) & 15;
        if (id > 3 || wide > 1 || i + 1 + 64 * (wide + 1) > d.length) throw corrupt('bad quantisation table');
        const q = new Uint16Array(64);
        for (let k = 0; k < 64; k++) q[ZIGZAG[k] as number] = wide ? u16(d, i + 1 + 2 * k) : (d[i + 1 + k] as number);
        quant[id] = q;
        i += 1 + 64 * (wide + 1);
      }
    } else if (marker === 0xc4) {
      for (let i = 0; i < d.length; ) {
        const cls = (d[i] as number) >> 4;
        const id = (d[i] as number) & 15;
        const counts = d.subarray(i + 1, i + 17);
        const n = counts.reduce((s, x) => s + x, 0);
        if (cls > 1 || id > 3 || counts.length < 16 || i + 17 + n > d.length) throw corrupt('bad Huffman table');
        (cls === 0 ? dc : ac)[id] = buildHuffmanTable(counts, d.subarray(i + 17, i + 17 + n));
        i += 17 + n;
      }
    } else if (marker === 0xdd) {
      if (d.length < 2) throw corrupt('bad restart interval');
      restartInterval = u16(d, 0);
    } else if (marker === 0xee && d.length >= 12 && String.fromCharCode(...d.subarray(0, 5)) === 'Adobe') {
      adobeTransform = d[11] as number;
    } else if (isSof(marker)) {
      if (frame !== null) throw corrupt('more than one frame');
      if (!SOF_SEQUENTIAL.has(marker) && marker !== 0xc2) throw unsupported('arithmetic, lossless or hierarchical JPEG');
      if (d.length < 6 || d[0] !== 8) throw unsupported('only 8-bit JPEGs are accepted');
      const height = u16(d, 1);
      const width = u16(d, 3);
      const count = d[5] as number;
      if (count === 4) throw new ImageDecodeError('ERR_IMAGE_CMYK', 'CMYK and YCCK JPEGs are not accepted; export the photo in RGB');
      if (count !== 1 && count !== 3) throw unsupported('only grey and colour JPEGs are accepted');
      if (width === 0 || height === 0 || d.length !== 6 + 3 * count) throw corrupt('bad frame header');
      const raw = Array.from({ length: count }, (_, i) => ({
        id: d[6 + 3 * i] as number,
        h: (d[7 + 3 * i] as number) >> 4,
        v: (d[7 + 3 * i] as number) & 15,
        tq: d[8 + 3 * i] as number,
      }));
      if (raw.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.tq > 3)) throw corrupt('bad sampling factors');
      const hmax = Math.max(...raw.map((c) => c.h));
      const vmax = Math.max(...raw.map((c) => c.v));
      const mcusPerLine = Math.ceil(width / (8 * hmax));
      const mcusPerColumn = Math.ceil(height / (8 * vmax));
      const progressive = marker === 0xc2;
      const components = raw.map((c): Component => {
        if (hmax % c.h !== 0 || vmax % c.v !== 0) throw unsupported('component sampling factors must divide the largest');
        const x = samplesOf((perBlock * hmax) / c.h);
        const y = samplesOf((perBlock * vmax) / c.v);
        const blocksPerLine = mcusPerLine * c.h;
        const blocksPerColumn = mcusPerColumn * c.v;
        return {
          ...c,
          blocksPerLine,
          blocksPerColumn,
          extentX: Math.ceil(Math.ceil((width * c.h) / hmax) / 8),
          extentY: Math.ceil(Math.ceil((height * c.v) / vmax) / 8),
          dcTable: null,
          acTable: null,
          pred: 0,
          quant: null,
          coef: null,
          plane: new Uint8Array(blocksPerLine * x.n * x.r * blocksPerColumn * y.n * y.r),
          nx: x.n,
          ny: y.n,
          rx: x.r,
          ry: y.r,
        };
      });
      if (progressive) {
        const bytes = components.reduce((n, c) => n + coefficientBytes(c.blocksPerLine * c.blocksPerColumn, c.nx * c.ny), 0);
        if (bytes > maxCoefficientBytes)
          throw new ImageDecodeError('ERR_IMAGE_TOO_LARGE', 'the progressive picture needs more memory than the gateway gives a decode');
        for (const c of components) c.coef = coefficientStore(c.blocksPerLine * c.blocksPerColumn, c.nx, c.ny);
      }
      frame = { width, height, progressive, components, mcusPerLine, mcusPerColumn };
    } else if (marker === 0xda) {
      if (frame === null) throw corrupt('scan before the frame header');
      const n = d[0] as number;
      if (n < 1 || n > 4 || d.length !== 4 + 2 * n) throw corrupt('bad scan header');
      const components: Component[] = [];
      for (let i = 0; i < n; i++) {
        const c = frame.components.find((k) => k.id === d[1 + 2 * i]);
        if (c === undefined || components.includes(c)) throw corrupt('scan names an unknown component');
        const tables = d[2 + 2 * i] as number;
        c.dcTable = dc[tables >> 4] ?? null;
        c.acTable = ac[tables & 15] ?? null;
        c.pred = 0;
        // The table in force at the component's first scan (T.81 B.2.4.1).
        c.quant ??= quant[c.tq] ?? null;
        if (c.quant === null) throw corrupt('a component has no quantisation table');
        components.push(c);
      }
      const ss = d[1 + 2 * n] as number;
      const se = d[2 + 2 * n] as number;
      const ah = (d[3 + 2 * n] as number) >> 4;
      const al = (d[3 + 2 * n] as number) & 15;
      if (frame.progressive && (se > 63 || ss > se || (ss === 0) !== (se === 0) || (ss > 0 && n !== 1) || al > 13)) throw corrupt('bad progressive scan');
      at = decodeScan(
        bytes,
        end,
        { components, ss, se, ah, al, progressive: frame.progressive, restartInterval, mcusPerLine: frame.mcusPerLine, mcusPerColumn: frame.mcusPerColumn },
        sink,
      );
    }
  }
  if (frame === null || frame.components.some((c) => c.quant === null)) throw corrupt('no picture before the end');
  if (frame.progressive)
    for (const c of frame.components) {
      const { values, kept } = c.coef as CoefficientStore;
      for (let row = 0; row < c.blocksPerColumn; row++)
        for (let col = 0; col < c.blocksPerLine; col++)
          idctBlockScaled(
            values,
            (row * c.blocksPerLine + col) * kept,
            c.nx,
            c.quant as Uint16Array,
            c.nx,
            c.ny,
            c.rx,
            c.ry,
            c.plane,
            stride(c),
            col * c.nx * c.rx,
            row * c.ny * c.ry,
          );
      c.coef = null;
    }
  return toRgba(
    frame.components,
    stride(frame.components[0] as Component),
    Math.ceil(frame.width / denominator),
    Math.ceil(frame.height / denominator),
    adobeTransform,
  );
}

/** Fixed-point fraction bits of the colour conversion tables (as libjpeg's jdcolor.c). */
const FIX = 16;
const fix = (x: number) => Math.round(x * (1 << FIX));
/** Per Cr or Cb value, its contribution to R, G and B (JFIF 1.02 §7), scaled by 2^FIX. */
const CR_R = Int32Array.from({ length: 256 }, (_, i) => fix(1.402 * (i - 128)) + (1 << (FIX - 1)));
const CB_B = Int32Array.from({ length: 256 }, (_, i) => fix(1.772 * (i - 128)) + (1 << (FIX - 1)));
const CR_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.714136 * (i - 128)));
const CB_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.344136 * (i - 128)) + (1 << (FIX - 1)));

/** The planes as RGBA: grey repeated, or YCbCr converted (JFIF 1.02 §7) unless the file says its components are RGB. */
function toRgba(components: readonly Component[], stride: number, width: number, height: number, adobeTransform: number | null): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  const [a, b, c] = components as [Component, Component | undefined, Component | undefined];
  const rgbIds = components.length === 3 && a.id === 0x52 && b?.id === 0x47 && c?.id === 0x42;
  const transform = components.length === 3 && (adobeTransform === null ? !rgbIds : adobeTransform !== 0);
  const clamp = (v: number) => (v <= 0 ? 0 : Math.min(v, 255));
  const ya = a.plane;
  const pb = b?.plane ?? ya;
  const pc = c?.plane ?? ya;
  for (let y = 0; y < height; y++) {
    let i = y * stride;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, i++, o += 4) {
      const p = ya[i] as number;
      if (b === undefined) {
        data[o] = data[o + 1] = data[o + 2] = p;
      } else if (!transform) {
        data[o] = p;
        data[o + 1] = pb[i] as number;
        data[o + 2] = pc[i] as number;
      } else {
        const cb = pb[i] as number;
        const cr = pc[i] as number;
        data[o] = clamp(p + ((CR_R[cr] as number) >> FIX));
        data[o + 1] = clamp(p + (((CB_G[cb] as number) + (CR_G[cr] as number)) >> FIX));
        data[o + 2] = clamp(p + ((CB_B[cb] as number) >> FIX));
      }
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}
