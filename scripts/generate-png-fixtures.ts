/**
 * Writes `packages/png/src/fixtures.ts`: small synthetic PNG files in every colour type, bit
 * depth and interlacing, made by ImageMagick (an independent encoder and decoder), each with the
 * RGBA pixels ImageMagick decodes from it (8-bit, or 16-bit for 16-bit files). The gateway's PNG decoder is tested against them.
 *
 *   tsx scripts/generate-png-fixtures.ts        (needs ImageMagick 6's `convert` on PATH: apt-get install imagemagick)
 *
 * A maintainer's tool, run only when the fixtures change: the fixtures are committed, and no test or
 * build runs it, so the project does not install ImageMagick.
 *
 * The pictures are random noise and gradients (seeded), nothing else. tRNS variants get their tRNS
 * chunk inserted here (ImageMagick rarely writes one) and are decoded back by ImageMagick.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';

const OUT = resolve(import.meta.dirname, '../packages/png/src/fixtures.ts');
const WIDTH = 13;
const HEIGHT = 11;

const dir = mkdtempSync(join(tmpdir(), 'n2k-png-'));
const convert = (...args: string[]) => {
  try {
    return execFileSync('convert', args, { cwd: dir, maxBuffer: 1 << 24 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error("ImageMagick's convert is not on PATH: apt-get install imagemagick");
    throw err;
  }
};

interface Variant {
  readonly name: string;
  readonly from: string;
  readonly args: readonly string[];
  readonly colorType: number;
  readonly bitDepth: number;
  readonly interlaced?: boolean;
  /** tRNS data to insert, from the file's own pixels. */
  readonly trns?: (file: string) => Uint8Array;
}

const ct = (type: number, depth: number) => ['-define', `png:color-type=${type}`, '-define', `png:bit-depth=${depth}`];
const firstPixel = (file: string, map: string, depth: number) =>
  new Uint8Array(convert(file, '-depth', String(depth), `${map}:-`).subarray(0, (depth / 8) * map.length));

const VARIANTS: readonly Variant[] = [
  { name: 'grey-1', from: 'grey.png', args: ['-depth', '1', ...ct(0, 1)], colorType: 0, bitDepth: 1 },
  { name: 'grey-2', from: 'grey.png', args: ['-depth', '2', ...ct(0, 2)], colorType: 0, bitDepth: 2 },
  { name: 'grey-4', from: 'grey.png', args: ['-depth', '4', ...ct(0, 4)], colorType: 0, bitDepth: 4 },
  { name: 'grey-8', from: 'grey.png', args: ['-depth', '8', ...ct(0, 8)], colorType: 0, bitDepth: 8 },
  { name: 'grey-16', from: 'grey.png', args: ['-depth', '16', ...ct(0, 16)], colorType: 0, bitDepth: 16 },
  {
    name: 'grey-8-trns',
    from: 'grey.png',
    args: ['-depth', '8', ...ct(0, 8)],
    colorType: 0,
    bitDepth: 8,
    trns: (f) => Uint8Array.of(0, firstPixel(f, 'gray', 8)[0] as number),
  },
  { name: 'rgb-8', from: 'rgb.png', args: ct(2, 8), colorType: 2, bitDepth: 8 },
  { name: 'rgb-16', from: 'rgb.png', args: ['-depth', '16', ...ct(2, 16)], colorType: 2, bitDepth: 16 },
  { name: 'rgb-16-trns', from: 'rgb.png', args: ['-depth', '16', ...ct(2, 16)], colorType: 2, bitDepth: 16, trns: (f) => firstPixel(f, 'rgb', 16) },
  { name: 'indexed-2', from: 'rgb.png', args: ['-colors', '3', ...ct(3, 2)], colorType: 3, bitDepth: 2 },
  { name: 'indexed-4', from: 'rgb.png', args: ['-colors', '9', ...ct(3, 4)], colorType: 3, bitDepth: 4 },
  { name: 'indexed-8', from: 'rgb.png', args: ['-colors', '60', ...ct(3, 8)], colorType: 3, bitDepth: 8 },
  { name: 'indexed-4-trns', from: 'rgb.png', args: ['-colors', '9', ...ct(3, 4)], colorType: 3, bitDepth: 4, trns: () => Uint8Array.of(0, 64, 128, 200) },
  { name: 'grey-alpha-8', from: 'rgba.png', args: ['-colorspace', 'Gray', ...ct(4, 8)], colorType: 4, bitDepth: 8 },
  { name: 'grey-alpha-16', from: 'rgba.png', args: ['-colorspace', 'Gray', '-depth', '16', ...ct(4, 16)], colorType: 4, bitDepth: 16 },
  { name: 'rgba-8', from: 'rgba.png', args: ct(6, 8), colorType: 6, bitDepth: 8 },
  { name: 'rgba-16', from: 'rgba.png', args: ['-depth', '16', ...ct(6, 16)], colorType: 6, bitDepth: 16 },
  { name: 'rgba-8-adam7', from: 'rgba.png', args: ['-interlace', 'PNG', ...ct(6, 8)], colorType: 6, bitDepth: 8, interlaced: true },
  { name: 'rgb-16-adam7', from: 'rgb.png', args: ['-interlace', 'PNG', '-depth', '16', ...ct(2, 16)], colorType: 2, bitDepth: 16, interlaced: true },
  { name: 'grey-2-adam7', from: 'grey.png', args: ['-interlace', 'PNG', '-depth', '2', ...ct(0, 2)], colorType: 0, bitDepth: 2, interlaced: true },
  { name: 'indexed-4-adam7', from: 'rgb.png', args: ['-interlace', 'PNG', '-colors', '9', ...ct(3, 4)], colorType: 3, bitDepth: 4, interlaced: true },
];

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** `png` with a tRNS chunk inserted before the first IDAT. */
function withTrns(png: Buffer, trns: Uint8Array): Buffer {
  let at = 8;
  while (png.toString('ascii', at + 4, at + 8) !== 'IDAT') at += 12 + png.readUInt32BE(at);
  return Buffer.concat([png.subarray(0, at), chunk('tRNS', trns), png.subarray(at)]);
}

try {
  convert('-size', `${WIDTH}x${HEIGHT}`, 'xc:', '-seed', '3', '+noise', 'Random', 'rgb.png');
  convert(
    'rgb.png',
    '(',
    '-size',
    `${HEIGHT}x${WIDTH}`,
    'gradient:',
    '-rotate',
    '90',
    ')',
    '-alpha',
    'off',
    '-compose',
    'CopyOpacity',
    '-composite',
    'rgba.png',
  );
  convert('rgb.png', '-colorspace', 'Gray', 'grey.png');
  const fixtures = VARIANTS.map((v) => {
    const file = `${v.name}.png`;
    convert(v.from, ...v.args, file);
    let png: Buffer = readFileSync(join(dir, file));
    if (v.trns !== undefined) {
      png = withTrns(png, v.trns(file));
      writeFileSync(join(dir, file), png);
    }
    const [type, depth, interlace] = [png[25], png[24], png[28]];
    if (type !== v.colorType || depth !== v.bitDepth || interlace !== (v.interlaced === true ? 1 : 0)) {
      throw new Error(`${v.name}: ImageMagick wrote colour type ${type}, depth ${depth}, interlace ${interlace}`);
    }
    // 16-bit files: ImageMagick's own 16-bit samples (big-endian); the test scales them to 8 bits by
    // the PNG spec's rounding (§13.12), which ImageMagick's 8-bit output does not follow (it truncates).
    const sampleBytes = v.bitDepth === 16 ? 2 : 1;
    const rgba = convert(file, '-depth', String(8 * sampleBytes), '-endian', 'MSB', 'rgba:-');
    if (rgba.length !== WIDTH * HEIGHT * 4 * sampleBytes) throw new Error(`${v.name}: unexpected decoded size`);
    return {
      name: v.name,
      colorType: v.colorType,
      bitDepth: v.bitDepth,
      interlaced: v.interlaced === true,
      png: png.toString('base64'),
      rgba: rgba.toString('base64'),
    };
  });
  const body = fixtures
    .map(
      (f) =>
        `  {\n    name: '${f.name}',\n    colorType: ${f.colorType},\n    bitDepth: ${f.bitDepth},\n    interlaced: ${f.interlaced},\n    png: '${f.png}',\n    rgba: '${f.rgba}',\n  },`,
    )
    .join('\n');
  writeFileSync(
    OUT,
    `/**\n * Generated by scripts/generate-png-fixtures.ts with ImageMagick: synthetic ${WIDTH}×${HEIGHT} PNG files (seeded noise\n * and gradients) in every colour type and bit depth, some interlaced or with tRNS, and the 8-bit RGBA\n * pixels ImageMagick decodes from each (base64; 16-bit big-endian samples for 16-bit files). Do not edit by hand.\n */\n\n/** One fixture: a PNG file and its pixels as an independent decoder reads them. */\nexport interface PngFixture {\n  readonly name: string;\n  readonly colorType: number;\n  readonly bitDepth: number;\n  readonly interlaced: boolean;\n  readonly png: string;\n  readonly rgba: string;\n}\n\nexport const FIXTURE_WIDTH = ${WIDTH};\nexport const FIXTURE_HEIGHT = ${HEIGHT};\n\nexport const PNG_FIXTURES: readonly PngFixture[] = [\n${body}\n];\n`,
  );
  console.log(`wrote ${fixtures.length} fixtures to ${OUT}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
