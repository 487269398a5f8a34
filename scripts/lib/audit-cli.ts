/**
 * `n2k audit export` and `n2k audit verify` for logs of any size: the export is written to its file
 * as it arrives, and a file is verified as it is read, entry by entry, so memory stays bounded by the
 * largest entry whether the log holds a thousand entries or millions.
 */
import { ExportReader, ExportVerifier, type ExportVerification } from '@need2know/audit';
import { GatewayError } from '@need2know/client';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** The members of an export besides `entries`, all needed before any entry can be checked. */
const FRAME_MEMBERS = ['format', 'origin', 'start', 'end', 'checkpoints', 'consistency'] as const;

/** Writes the export `response` carries to `out` as it arrives; returns the bytes written. */
export async function saveExport(response: Response, out: string): Promise<number> {
  if (!response.ok || response.body === null) throw await GatewayError.from(response);
  let bytes = 0;
  const counted = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  counted.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await pipeline(counted, createWriteStream(out));
  return bytes;
}

/** Reads `file` as text through an {@link ExportReader}, awaiting `afterPiece` between pieces. */
async function readFile(file: string, reader: ExportReader, afterPiece: () => Promise<void>): Promise<void> {
  for await (const piece of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    reader.push(piece as string);
    await afterPiece();
  }
  reader.end();
}

/**
 * Verifies the export in `file` against the log's verifier key, streaming. An export whose frame
 * comes first (as the gateway sends it) is read once; one that puts `entries` first (written whole
 * by an older version) is read twice, the frame then the entries.
 *
 * @throws SyntaxError when the file is not a JSON export at all.
 */
export async function verifyExportFile(file: string, vkey: string, onProgress?: (entries: number) => void): Promise<ExportVerification & { readonly problemCount: number }> {
  const verifier = new ExportVerifier(vkey);
  const frame: Record<string, unknown> = {};
  const framed = () => FRAME_MEMBERS.every((k) => k in frame);
  let verified = false;
  let waiting: unknown[] = []; // entries read in the piece that completed the frame
  let skipped = false; // entries came before the frame: read them again afterwards
  let reported = 0;
  const progress = () => {
    if (onProgress !== undefined && verifier.entries - reported >= 100_000) onProgress((reported = verifier.entries));
  };
  await readFile(
    file,
    new ExportReader({
      field: (name, value) => {
        frame[name] = value;
      },
      entry: (value) => {
        if (verified) verifier.entry(value);
        else if (framed()) waiting.push(value);
        else skipped = true;
      },
    }),
    async () => {
      if (!verified && framed()) {
        await verifier.frame(frame);
        verified = true;
      }
      for (const value of waiting) verifier.entry(value);
      waiting = [];
      progress();
    },
  );
  if (!verified) await verifier.frame(frame);
  if (skipped) {
    await readFile(file, new ExportReader({ field: () => {}, entry: (value) => verifier.entry(value) }), async () => progress());
  }
  return verifier.finish();
}
