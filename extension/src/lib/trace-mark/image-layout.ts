/**
 * Where things sit in the image mark's tile: 11 × 9 cells. Row 0 and column 0 hold a fixed sync
 * pattern that tells a decoder where the tile starts (a screenshot can begin anywhere in it) and how
 * dark a marked cell is on that screenshot; the other 10 × 8 = 80 cells hold the view id's 64 bits
 * and a CRC-16, row by row, most significant bit first. A 1 is a darkened cell.
 */
import { crc16 } from './crc.js';
import { bytesToViewId, VIEW_ID_BYTES, viewIdToBytes } from './view-id.js';

/** Cells across a tile. */
export const TILE_COLS = 11;
/** Cells down a tile. */
export const TILE_ROWS = 9;

/**
 * Row 0: the Barker sequence of length 11, whose cyclic autocorrelation is −1 at every non-zero
 * shift, so a horizontal misalignment of the tile never looks like the right one.
 */
const SYNC_ROW = [1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0] as const;
/** Column 0, rows 1–8: with the corner, a 9-long sequence whose cyclic autocorrelation is at most 1. */
const SYNC_COLUMN = [0, 0, 0, 1, 1, 0, 1, 0] as const;

/** Data bits: 64 for the view id, 16 for its CRC. */
const DATA_BITS = (TILE_COLS - 1) * (TILE_ROWS - 1);

/** A cell's place in the tile. */
export interface Cell {
  readonly col: number;
  readonly row: number;
}

/** The sync cells and the bit each must show. */
export const SYNC_CELLS: readonly (Cell & { readonly bit: 0 | 1 })[] = [
  ...SYNC_ROW.map((bit, col) => ({ col, row: 0, bit })),
  ...SYNC_COLUMN.map((bit, i) => ({ col: 0, row: i + 1, bit })),
];

/** The data cells in bit order. */
export const DATA_CELLS: readonly Cell[] = Array.from({ length: DATA_BITS }, (_, i) => ({
  col: 1 + (i % (TILE_COLS - 1)),
  row: 1 + Math.floor(i / (TILE_COLS - 1)),
}));

/** The tile's cells for `viewId`, row-major, 1 for a darkened cell. Throws `TypeError` for a malformed id. */
export function tileBits(viewId: string): Uint8Array {
  const id = viewIdToBytes(viewId);
  const crc = crc16(id);
  const payload = new Uint8Array(VIEW_ID_BYTES + 2);
  payload.set(id);
  payload[VIEW_ID_BYTES] = crc >> 8;
  payload[VIEW_ID_BYTES + 1] = crc & 0xff;
  const bits = new Uint8Array(TILE_COLS * TILE_ROWS);
  for (const { col, row, bit } of SYNC_CELLS) bits[row * TILE_COLS + col] = bit;
  DATA_CELLS.forEach(({ col, row }, i) => {
    bits[row * TILE_COLS + col] = ((payload[i >> 3] as number) >> (7 - (i & 7))) & 1;
  });
  return bits;
}

/** The view id that 80 data bits spell, or null when their CRC-16 does not match. */
export function viewIdFromDataBits(bits: readonly (0 | 1)[]): string | null {
  if (bits.length !== DATA_BITS) throw new TypeError(`expected ${DATA_BITS} data bits`);
  const payload = new Uint8Array(VIEW_ID_BYTES + 2);
  bits.forEach((bit, i) => {
    payload[i >> 3] = ((payload[i >> 3] as number) << 1) | bit;
  });
  const id = payload.subarray(0, VIEW_ID_BYTES);
  const crc = ((payload[VIEW_ID_BYTES] as number) << 8) | (payload[VIEW_ID_BYTES + 1] as number);
  return crc16(id) === crc ? bytesToViewId(id) : null;
}
