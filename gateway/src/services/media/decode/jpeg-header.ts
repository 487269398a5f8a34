/**
 * What a JPEG's header says before any pixel is decoded (ITU-T T.81 Annex B): size, components,
 * coding process, Adobe colour transform and EXIF orientation. Pure.
 *
 * Reading this first is what lets the gateway refuse a decompression bomb (a small file whose frame
 * header claims a huge picture) or a CMYK file before the decoder allocates anything.
 */
import { ImageDecodeError } from './errors.js';
import { exifOrientation, type Orientation } from './exif-orientation.js';

/** What {@link readJpegHeader} finds. */
export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  /** Components in the frame: 1 grey, 3 colour (YCbCr or RGB), 4 CMYK or YCCK. */
  readonly components: number;
  /** True for a progressive frame (SOF2), false for baseline or extended sequential (SOF0, SOF1). */
  readonly progressive: boolean;
  /** The EXIF orientation (1 when the file names none). */
  readonly orientation: Orientation;
}

const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;
/** Frames jpeg-js decodes: baseline (C0), extended sequential (C1), progressive (C2), all Huffman-coded. */
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);
/** Start-of-frame markers (T.81 Table B.1): C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Markers without a length: TEM and RST0–7. */
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

const truncated = () => new ImageDecodeError('ERR_IMAGE_TRUNCATED', 'the file ends inside its header');

/**
 * Reads the segments from SOI up to the first scan: the frame header (size, components, coding
 * process) and the first EXIF block's orientation.
 *
 * @throws ImageDecodeError `ERR_IMAGE_CORRUPT` (no SOI, a broken segment, a scan before the frame),
 * `ERR_IMAGE_TRUNCATED` (the file ends before the first scan), `ERR_IMAGE_UNSUPPORTED` (arithmetic,
 * lossless or hierarchical coding; a frame whose height comes later, in a DNL segment).
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== SOI) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'not a JPEG file');
  let orientation: Orientation | null = null;
  let frame: Omit<JpegHeader, 'orientation'> | null = null;
  let at = 2;
  for (;;) {
    if (at + 2 > bytes.length) throw truncated();
    if (bytes[at] !== 0xff) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'expected a marker');
    let m = at + 1;
    while (bytes[m] === 0xff && m < bytes.length - 1) m++; // fill bytes (T.81 B.1.1.2)
    const marker = bytes[m] as number;
    if (isStandalone(marker)) {
      at = m + 1;
      continue;
    }
    if (m + 3 > bytes.length) throw truncated();
    const length = ((bytes[m + 1] as number) << 8) | (bytes[m + 2] as number);
    const end = m + 1 + length;
    if (length < 2) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'bad segment length');
    if (end > bytes.length) throw truncated();
    const data = bytes.subarray(m + 3, end);
    if (marker === APP1 && orientation === null && data.length >= 6 && data[0] === 0x45 && data[1] === 0x78) orientation = exifOrientation(data);
    if (isSof(marker)) {
      if (frame !== null) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'more than one frame');
      if (!DECODABLE_SOF.has(marker)) throw new ImageDecodeError('ERR_IMAGE_UNSUPPORTED', 'arithmetic, lossless or hierarchical JPEG');
      if (data.length < 6) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'short frame header');
      const height = ((data[1] as number) << 8) | (data[2] as number);
      const width = ((data[3] as number) << 8) | (data[4] as number);
      const components = data[5] as number;
      if (width === 0 || height === 0) throw new ImageDecodeError('ERR_IMAGE_UNSUPPORTED', 'frame size not in the frame header');
      if (data.length !== 6 + 3 * components) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'frame header length does not match its components');
      frame = { width, height, components, progressive: marker === 0xc2 };
    }
    if (marker === SOS) {
      if (frame === null) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'scan before the frame header');
      return { ...frame, orientation: orientation ?? 1 };
    }
    at = end;
  }
}
