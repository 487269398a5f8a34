/**
 * Face redaction per photo inside workerd, beside decoding alone in the same run (part of
 * `npm run bench:media`): photos of 1, 3 and 12 megapixels made from a sample photograph of the
 * detector's package (real faces, resized by nearest neighbour), posted to the bench Worker's
 * `/__bench/photo/*` routes, which run the gateway's own limits (the 12 MP photo is decoded at half size).
 * Times are per request as the client sees them (workerd does not advance its clock during
 * computation), so they include a local HTTP round trip of well under a millisecond.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { startLocalGateway } from '../../support/local-gateway.js';
import { compare, type ReportRow } from './measure.js';

const SIZES = [
  ['1 MP', 1224, 816],
  ['3 MP', 2121, 1414],
  ['12 MP', 4243, 2828],
] as const;

/** `image` resized to `width` × `height` (nearest neighbour), as RGBA. */
function resize(image: { width: number; height: number; data: Uint8Array }, width: number, height: number): Uint8Array {
  const src = new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
  const out = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.min(image.height - 1, Math.floor((y * image.height) / height)) * image.width;
    for (let x = 0; x < width; x++) out[y * width + x] = src[row + Math.min(image.width - 1, Math.floor((x * image.width) / width))] as number;
  }
  return new Uint8Array(out.buffer);
}

/**
 * Runs the comparison on a bench Worker started on `port` (from `config`, by default the bench
 * build; a prebuilt bundle keeps edits elsewhere in a shared tree from restarting it mid-run).
 * Returns one report row per size.
 */
export async function benchPhotoRedaction(port: number, config = join(import.meta.dirname, '..', 'worker', 'wrangler.bench.toml')): Promise<ReportRow[]> {
  const packageDir = join(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json'), '..');
  const sample = jpeg.decode(readFileSync(join(packageDir, 'demo', 'sample1.jpg')), { useTArray: true });
  const local = await startLocalGateway(port, { config });
  const rows: ReportRow[] = [];
  try {
    for (const [label, width, height] of SIZES) {
      const photo = jpeg.encode({ width, height, data: resize(sample, width, height) }, 90).data;
      const post = (path: string) => async () => {
        const res = await fetch(`${local.gateway.url}${path}`, { method: 'POST', body: new Uint8Array(photo) });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const redact = post('/__bench/photo/redact');
      const found = (await redact()) as { faces: number; scale: number };
      const at = found.scale === 1 ? 'full size' : `decoded at 1/${found.scale}`;
      rows.push(
        await compare(
          { name: `${label} JPEG (${(photo.length / 1024).toFixed(0)} KB, ${at}, ${found.faces} boxes): decode + detect + redact + encode`, fn: redact },
          { name: 'decode alone', fn: post('/__bench/photo/decode') },
          { minMs: 1, warmupMs: 0, rounds: 3 },
        ),
      );
    }
  } finally {
    await local.close();
  }
  return rows;
}
