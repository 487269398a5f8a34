import { describe, expect, it } from 'vitest';
import { crc16, crc8 } from './crc.js';

const CHECK = new TextEncoder().encode('123456789');

describe('checksums', () => {
  it('match the CRC catalogue check values', () => {
    expect(crc8(CHECK)).toBe(0xdf); // CRC-8/AUTOSAR
    expect(crc16(CHECK)).toBe(0x29b1); // CRC-16/IBM-3740
  });

  it('give eight zero bytes a non-zero checksum', () => {
    expect(crc8(new Uint8Array(8))).not.toBe(0);
    expect(crc16(new Uint8Array(8))).not.toBe(0);
  });
});
