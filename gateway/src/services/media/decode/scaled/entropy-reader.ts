/**
 * Reading a JPEG's entropy-coded data: Huffman tables (ITU-T T.81 Annex C) and a bit reader that
 * removes byte stuffing and stops at markers (F.1.2.3, B.1.1.5). Pure.
 */
import { ImageDecodeError } from '../errors.js';

/** Bits looked up at once: codes of up to this length (nearly all of them) decode in one step. */
const LOOKUP_BITS = 9;

/** A Huffman table ready to decode: a fast table for short codes, canonical limits for the rest. */
export interface HuffmanTable {
  /** By the next {@link LOOKUP_BITS} bits: `(length << 8) | value`, or 0 for a longer code. */
  readonly lookup: Uint16Array;
  /** Largest code of each length 1–16 (−1 when none). */
  readonly maxCode: Int32Array;
  /** Per length, the index in `values` of its first code minus that code. */
  readonly offset: Int32Array;
  readonly values: Uint8Array;
}

const corrupt = (message: string) => new ImageDecodeError('ERR_IMAGE_CORRUPT', message);

/**
 * Builds a table from a DHT segment's code counts per length (16 bytes) and values (C.2, C.3).
 *
 * @throws ImageDecodeError `ERR_IMAGE_CORRUPT` when the counts overflow the code space.
 */
export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKUP_BITS);
  const maxCode = new Int32Array(17).fill(-1);
  const offset = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1] as number;
    offset[len] = k - code;
    for (let i = 0; i < n; i++) {
      if (code >= 1 << len) throw corrupt('Huffman code lengths overflow');
      if (len <= LOOKUP_BITS) {
        const shift = LOOKUP_BITS - len;
        const entry = (len << 8) | (values[k] as number);
        lookup.fill(entry, code << shift, (code + 1) << shift);
      }
      code++;
      k++;
    }
    if (n > 0) maxCode[len] = code - 1;
    code <<= 1;
  }
  if (k > values.length) throw corrupt('Huffman table shorter than its counts');
  return { lookup, maxCode, offset, values };
}

/**
 * Reads bits from one entropy-coded segment. It never reads past a marker: once it reaches one it
 * supplies zero bits, and decoding any of those (data the file does not hold) is refused.
 */
export class EntropyReader {
  private buf = 0;
  private count = 0;
  /** Zero bits supplied past the marker that ends the segment, at the low end of `buf`. */
  private padded = 0;
  /** Position of the next byte to read: on the marker that ends the segment, once reached. */
  pos: number;

  constructor(
    private readonly data: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }

  /** Tops the buffer up to more than 24 bits. */
  private fill(): void {
    const data = this.data;
    while (this.count <= 24) {
      let byte = 0;
      if (this.padded === 0 && this.pos < data.length) {
        byte = data[this.pos] as number;
        if (byte === 0xff) {
          const next = data[this.pos + 1];
          if (next === 0x00) this.pos += 2;
          else byte = -1; // a marker: the segment ends here
        } else this.pos++;
      } else byte = -1;
      if (byte < 0) {
        byte = 0;
        this.padded += 8;
      }
      this.buf = (this.buf << 8) | byte;
      this.count += 8;
    }
  }

  /** Drops `n` bits, refusing to drop any that were supplied past the segment's end. */
  private skip(n: number): void {
    this.count -= n;
    if (this.count < this.padded) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'the scan data ends before its picture does');
  }

  /** The next `n` bits (1–16) as an unsigned number. */
  bits(n: number): number {
    if (this.count < n) this.fill();
    const v = (this.buf >>> (this.count - n)) & ((1 << n) - 1);
    this.skip(n);
    return v;
  }

  /** The next bit. */
  bit(): number {
    return this.bits(1);
  }

  /** The next value coded with `table`. */
  decode(table: HuffmanTable): number {
    if (this.count < 16) this.fill();
    const peek = (this.buf >>> (this.count - 16)) & 0xffff;
    const entry = table.lookup[peek >>> (16 - LOOKUP_BITS)] as number;
    if (entry !== 0) {
      this.skip(entry >>> 8);
      return entry & 0xff;
    }
    for (let len = LOOKUP_BITS + 1; len <= 16; len++) {
      const code = peek >>> (16 - len);
      if (code <= (table.maxCode[len] as number)) {
        this.skip(len);
        const value = table.values[(table.offset[len] as number) + code];
        if (value === undefined) throw corrupt('bad Huffman code');
        return value;
      }
    }
    throw corrupt('bad Huffman code');
  }

  /** An `s`-bit magnitude category's value (F.2.2.1, EXTEND). */
  receiveExtend(s: number): number {
    if (s === 0) return 0;
    if (s > 16) throw corrupt('coefficient out of range');
    const v = s === 16 ? this.bits(16) : this.bits(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }

  /**
   * Ends the segment: what is left in the buffer must be the encoder's padding (fewer than 8 bits),
   * and the reader must stand on a marker. Returns that marker (the byte after 0xFF).
   */
  finish(): number {
    if (this.count - this.padded >= 8) throw corrupt('extra data in the scan');
    this.buf = 0;
    this.count = 0;
    this.padded = 0;
    if (this.data[this.pos] !== 0xff || this.pos + 1 >= this.data.length) throw corrupt('scan data not followed by a marker');
    return this.data[this.pos + 1] as number;
  }
}
