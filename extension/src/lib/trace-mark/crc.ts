/**
 * The checksums that keep a trace mark from being read out of noise. Parameters follow the CRC
 * catalogue (reveng.sourceforge.io/crc-catalogue), whose "check" value (the CRC of ASCII
 * "123456789") the tests verify.
 */

/** CRC-8/AUTOSAR (poly 0x2F, init 0xFF, xorout 0xFF): a non-zero init so a run of zero bits has no valid CRC of zero. */
export function crc8(bytes: Uint8Array): number {
  let crc = 0xff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x2f) & 0xff : (crc << 1) & 0xff;
  }
  return crc ^ 0xff;
}

/** CRC-16/IBM-3740, also known as CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF). */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
