import { StatsError } from '../errors.js';
import type { Release } from '../release.js';
import type { Hierarchy } from '../table/hierarchy.js';
import { Table } from '../table/table.js';

/** First byte of an encoding made by {@link encodePublished}: a new layout gets a new number. */
export const PUBLISHED_FORMAT = 1;

// One unsigned LEB128 number per cell, in cell order.
const WITHHELD = 0;
const WITHHELD_SMALL = 1;
const PUBLISHED_FROM = 2;

/**
 * A suppressed release as it could be published, in bytes: for each cell its count when published,
 * and for a withheld cell only whether it is one of the small counts (primary) or a complementary one.
 * The count of a withheld cell is not in it, so nothing decoded from it can publish one. Zeros and
 * small counts take one byte, so a sparse commune × month table of 210,900 cells is about 215 kB
 * before compression.
 *
 * @throws TypeError for a release that is not suppressed, or a count that is not a whole number ≥ 0.
 *
 * @example
 * decodePublished(release.table.dims, encodePublished(release), 10) // withholds the same cells, publishes the same counts
 */
export function encodePublished(release: Release): Uint8Array {
  const { table, withheld, primary } = release;
  if (release.summary.method !== 'suppression' || withheld === null || primary === null) throw new TypeError('only a suppressed release has a published form');
  const out: number[] = [PUBLISHED_FORMAT];
  pushVarint(out, table.size);
  for (let c = 0; c < table.size; c++) {
    if (withheld[c] === 1) {
      out.push(primary[c] === 1 ? WITHHELD_SMALL : WITHHELD);
      continue;
    }
    const count = table.counts[c] as number;
    if (!Number.isSafeInteger(count) || count < 0) throw new TypeError('a published count is a whole number ≥ 0');
    pushVarint(out, count + PUBLISHED_FROM);
  }
  return Uint8Array.from(out);
}

/**
 * The release {@link encodePublished} encoded, on the table with dimensions `dims` (the same layout
 * it was made on), protected at `threshold`. Withheld cells carry `NaN` as their count: they have
 * none here, and anything that printed one would print `null`, never a figure.
 *
 * @throws StatsError `ERR_PARAMETER` when the bytes are not such an encoding or do not fit `dims`.
 */
export function decodePublished(dims: readonly Hierarchy[], bytes: Uint8Array, threshold: number): Release {
  const table = new Table(dims);
  if (bytes[0] !== PUBLISHED_FORMAT) throw new StatsError('ERR_PARAMETER', 'not a published table of a known format');
  const cursor = { at: 1 };
  if (readVarint(bytes, cursor) !== table.size) throw new StatsError('ERR_PARAMETER', 'the published table does not fit the layout');
  const withheld = new Uint8Array(table.size);
  const primary = new Uint8Array(table.size);
  let primaryCount = 0;
  let withheldCount = 0;
  for (let c = 0; c < table.size; c++) {
    const code = readVarint(bytes, cursor);
    if (code >= PUBLISHED_FROM) {
      table.counts[c] = code - PUBLISHED_FROM;
      continue;
    }
    table.counts[c] = Number.NaN;
    withheld[c] = 1;
    withheldCount++;
    if (code === WITHHELD_SMALL) {
      primary[c] = 1;
      primaryCount++;
    }
  }
  if (cursor.at !== bytes.length) throw new StatsError('ERR_PARAMETER', 'the published table has trailing bytes');
  return { table, withheld, primary, summary: { method: 'suppression', threshold, primary: primaryCount, secondary: withheldCount - primaryCount } };
}

function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function readVarint(bytes: Uint8Array, cursor: { at: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = bytes[cursor.at++];
    if (b === undefined || scale > 2 ** 49) throw new StatsError('ERR_PARAMETER', 'the published table is cut short or malformed');
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
    scale *= 0x80;
  }
}
