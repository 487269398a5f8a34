/**
 * Decoding one scan of a JPEG (ITU-T T.81 Annex F and G): sequential Huffman scans block by block,
 * and the four kinds of progressive scan (DC first and refinement, AC first and refinement) into
 * the frame's coefficients, with restart intervals. Pure.
 */
import { ImageDecodeError } from '../errors.js';
import { EntropyReader, type HuffmanTable } from './entropy-reader.js';

/** Natural (row-major) index of the k-th coefficient in zig-zag order (T.81 Figure A.6). */
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22,
  15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

/** One component of the frame, as a scan decodes it. */
export interface ScanComponent {
  readonly h: number;
  readonly v: number;
  /** Blocks across and down the MCU grid (padding included). */
  readonly blocksPerLine: number;
  readonly blocksPerColumn: number;
  /** Blocks across and down that hold the picture: what a scan of this component alone codes (A.2.2). */
  readonly extentX: number;
  readonly extentY: number;
  dcTable: HuffmanTable | null;
  acTable: HuffmanTable | null;
  /** DC prediction (F.2.1.3.1). */
  pred: number;
}

/** What a scan is: its components (in order), spectral selection and successive approximation. */
export interface ScanParams {
  readonly components: readonly ScanComponent[];
  readonly ss: number;
  readonly se: number;
  readonly ah: number;
  readonly al: number;
  readonly progressive: boolean;
  readonly restartInterval: number;
  readonly mcusPerLine: number;
  readonly mcusPerColumn: number;
}

/**
 * A progressive component's coefficients, kept across its scans. Only those the scaled transform
 * reads are kept (`slot` gives each natural index its place in a block's `kept`, or −1); of every
 * other one only whether it is non-zero, which later refinement scans depend on (G.1.2.3).
 */
export interface CoefficientStore {
  /** `kept` values per block, row by row over the MCU grid. */
  readonly values: Int16Array;
  readonly kept: number;
  readonly slot: Int8Array;
  /** 64 bits per block (two words): whether each coefficient, by natural index, is non-zero. */
  readonly nonzero: Uint32Array;
}

/**
 * Where decoded blocks go: for a sequential scan, `block` hands over each block's coefficients
 * (natural order) as soon as it is read; for a progressive one, `coefficients` gives the
 * component's store.
 */
export interface ScanSink {
  block(component: ScanComponent, row: number, col: number, coef: Int32Array): void;
  coefficients(component: ScanComponent): CoefficientStore;
}

const corrupt = (message: string) => new ImageDecodeError('ERR_IMAGE_CORRUPT', message);

function table(t: HuffmanTable | null): HuffmanTable {
  if (t === null) throw corrupt('scan uses a Huffman table that is not defined');
  return t;
}

/**
 * Decodes the scan whose entropy-coded data starts at `start`; returns the position of the marker
 * that follows it.
 *
 * @throws ImageDecodeError `ERR_IMAGE_CORRUPT` for a bad code, a coefficient out of place, a wrong
 * restart marker, or data that ends early.
 */
export function decodeScan(data: Uint8Array, start: number, scan: ScanParams, sink: ScanSink): number {
  const { components, ss, se, ah, al, progressive } = scan;
  const single = components.length === 1;
  const first = components[0] as ScanComponent;
  const total = single ? first.extentX * first.extentY : scan.mcusPerLine * scan.mcusPerColumn;
  const block = new Int32Array(64);
  let reader = new EntropyReader(data, start);
  let eobrun = 0;

  const decodeBlock = (c: ScanComponent, row: number, col: number): void => {
    if (!progressive) {
      block.fill(0);
      sequentialBlock(reader, c, block);
      sink.block(c, row, col, block);
      return;
    }
    const store = sink.coefficients(c);
    const index = row * c.blocksPerLine + col;
    const at = index * store.kept; // the DC is always kept, in slot 0
    if (ss === 0) {
      if (ah === 0) {
        const t = reader.decode(table(c.dcTable));
        c.pred += reader.receiveExtend(t);
        store.values[at] = c.pred * (1 << al);
      } else if (reader.bit()) store.values[at] = (store.values[at] as number) | (1 << al);
    } else if (ah === 0) eobrun = acFirst(reader, table(c.acTable), store, index, ss, se, al, eobrun);
    else eobrun = acRefine(reader, table(c.acTable), store, index, ss, se, al, eobrun);
  };

  let restarts = 0;
  for (let n = 0; n < total; n++) {
    if (single) decodeBlock(first, (n / first.extentX) | 0, n % first.extentX);
    else {
      const mcuRow = (n / scan.mcusPerLine) | 0;
      const mcuCol = n % scan.mcusPerLine;
      for (const c of components) for (let v = 0; v < c.v; v++) for (let h = 0; h < c.h; h++) decodeBlock(c, mcuRow * c.v + v, mcuCol * c.h + h);
    }
    if (scan.restartInterval > 0 && (n + 1) % scan.restartInterval === 0 && n + 1 < total) {
      reader.finish();
      let m = reader.pos + 1;
      while (data[m] === 0xff) m++;
      if (data[m] !== 0xd0 + (restarts & 7)) throw corrupt('restart marker missing or out of order');
      restarts++;
      reader = new EntropyReader(data, m + 1);
      for (const c of components) c.pred = 0;
      eobrun = 0;
    }
  }
  reader.finish();
  return reader.pos;
}

/** A sequential block (F.2.2): DC difference, then run-length coded AC coefficients. */
function sequentialBlock(reader: EntropyReader, c: ScanComponent, block: Int32Array): void {
  const t = reader.decode(table(c.dcTable));
  c.pred += reader.receiveExtend(t);
  block[0] = c.pred;
  const ac = table(c.acTable);
  for (let k = 1; k < 64; ) {
    const rs = reader.decode(ac);
    const s = rs & 15;
    const r = rs >> 4;
    if (s === 0) {
      if (r < 15) break; // EOB
      k += 16;
      continue;
    }
    k += r;
    if (k > 63) throw corrupt('coefficient past the end of a block');
    block[ZIGZAG[k] as number] = reader.receiveExtend(s);
    k++;
  }
}

/** Records a new non-zero coefficient `z` (natural index) of block `index`, keeping its value when the transform reads it. */
function setCoefficient(store: CoefficientStore, index: number, z: number, value: number): void {
  store.nonzero[index * 2 + (z >> 5)] = (store.nonzero[index * 2 + (z >> 5)] as number) | (1 << (z & 31));
  const slot = store.slot[z] as number;
  if (slot >= 0) store.values[index * store.kept + slot] = value;
}

/** Whether coefficient `z` (natural index) of block `index` is non-zero. */
const isNonzero = (store: CoefficientStore, index: number, z: number) => (((store.nonzero[index * 2 + (z >> 5)] as number) >>> (z & 31)) & 1) === 1;

/** An AC first scan's block (G.1.2.2); returns the end-of-band run left. */
function acFirst(reader: EntropyReader, ac: HuffmanTable, store: CoefficientStore, index: number, ss: number, se: number, al: number, eobrun: number): number {
  if (eobrun > 0) return eobrun - 1;
  for (let k = ss; k <= se; ) {
    const rs = reader.decode(ac);
    const s = rs & 15;
    const r = rs >> 4;
    if (s === 0) {
      if (r < 15) return (1 << r) - 1 + (r > 0 ? reader.bits(r) : 0);
      k += 16;
      continue;
    }
    k += r;
    if (k > se) throw corrupt('coefficient past the end of the band');
    setCoefficient(store, index, ZIGZAG[k] as number, reader.receiveExtend(s) * (1 << al));
    k++;
  }
  return 0;
}

/** An AC refinement scan's block (G.1.2.3), as libjpeg's `decode_mcu_AC_refine`; returns the end-of-band run left. */
function acRefine(reader: EntropyReader, ac: HuffmanTable, store: CoefficientStore, index: number, ss: number, se: number, al: number, eobrun: number): number {
  const p1 = 1 << al;
  const m1 = -1 << al;
  let k = ss;
  let run = eobrun;
  // A correction bit for a non-zero coefficient: read whether or not the value is kept.
  const refine = (z: number) => {
    const bit = reader.bit();
    const slot = store.slot[z] as number;
    if (bit === 0 || slot < 0) return;
    const at = index * store.kept + slot;
    const c = store.values[at] as number;
    if ((c & p1) === 0) store.values[at] = c >= 0 ? c + p1 : c + m1;
  };
  if (run === 0) {
    for (; k <= se; k++) {
      const rs = reader.decode(ac);
      let r = rs >> 4;
      let s = rs & 15;
      if (s !== 0) {
        if (s !== 1) throw corrupt('refinement coefficient larger than one bit');
        s = reader.bit() ? p1 : m1;
      } else if (r !== 15) {
        run = (1 << r) + (r > 0 ? reader.bits(r) : 0);
        break;
      }
      do {
        const z = ZIGZAG[k] as number;
        if (isNonzero(store, index, z)) refine(z);
        else if (--r < 0) break;
        k++;
      } while (k <= se);
      if (s !== 0) {
        if (k > se) throw corrupt('coefficient past the end of the band');
        setCoefficient(store, index, ZIGZAG[k] as number, s);
      }
    }
  }
  if (run > 0) {
    for (; k <= se; k++) {
      const z = ZIGZAG[k] as number;
      if (isNonzero(store, index, z)) refine(z);
    }
    run--;
  }
  return run;
}
