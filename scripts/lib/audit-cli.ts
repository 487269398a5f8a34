/**
 * `n2k audit export` and `n2k audit verify` for logs of any size: the export is written to its file
 * as it arrives, and a file is verified as it is read, entry by entry, so memory stays bounded by the
 * largest entry whether the log holds a thousand entries or millions.
 */
import { ExportReader, ExportVerifier, type ExportVerification } from '@need2know/audit';
import { GatewayError } from '@need2know/client';
import { createReadStream, createWriteStream } from 'node:fs';

/** How many cut-short parts one export may ask again before giving up. */
const EXPORT_PART_RETRIES = 5;
/** Wait before asking a part again (ms, times the failures so far): a restarting gateway needs seconds. */
const EXPORT_RETRY_DELAY_MS = 2_000;

/** The members of an export besides `entries`, all needed before any entry can be checked. */
const FRAME_MEMBERS = ['format', 'origin', 'start', 'end', 'checkpoints', 'consistency'] as const;

/**
 * Writes the export of [from, to) (the whole log without `to`) to `out` as it arrives, with `get`
 * fetching a gateway path as a privacy officer. The gateway answers a long export in parts, each
 * proven in the same checkpoint (`n2k-export-anchor`); they are joined into one export whose frame
 * is the first part's, ending where the whole does. Returns the bytes written.
 */
export async function saveExport(
  get: (path: string) => Promise<Response>,
  range: { readonly from: number; readonly to?: number },
  out: string,
): Promise<number> {
  const path = (from: number, to?: number, anchor?: string) =>
    `/v1/audit/export?from=${from}${to === undefined ? '' : `&to=${to}`}${anchor === undefined ? '' : `&anchor=${anchor}`}`;
  const first = await get(path(range.from, range.to));
  if (!first.ok || first.body === null) throw await GatewayError.from(first);
  const anchor = first.headers.get('n2k-export-anchor') ?? undefined;
  const end = Number(first.headers.get('n2k-export-end'));
  let next = first.headers.get('n2k-export-next');
  const file = createWriteStream(out);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!file.write(text)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
  };
  try {
    if (next === null) {
      // One part: the answer is the export.
      for await (const chunk of first.body as unknown as AsyncIterable<Uint8Array>) await write(Buffer.from(chunk).toString('utf8'));
    } else {
      const frame: Record<string, unknown> = {};
      let started = false;
      let nextIndex = range.from; // the index of the next entry to write
      const copyEntries = async (response: Response) => {
        const pending: unknown[] = [];
        const reader = new ExportReader({
          field: (name, value) => {
            frame[name] ??= value;
          },
          entry: (value) => void pending.push(value),
        });
        const decoder = new TextDecoder();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          reader.push(decoder.decode(chunk, { stream: true }));
          if (pending.length === 0) continue;
          if (!started) {
            await write(`${JSON.stringify({ ...frame, end }).slice(0, -1)},"entries":[\n`);
            started = true;
          }
          await write(pending.map((e) => `${nextIndex++ === range.from ? '' : ',\n'}${JSON.stringify(e)}`).join(''));
          pending.length = 0;
        }
        reader.end();
      };
      // A part cut short (a dropped connection, a restarted gateway) is asked again from the next
      // entry not yet written, in the same checkpoint: the file never holds an entry twice.
      let response: Response | undefined = first;
      for (let failures = 0; ; ) {
        try {
          if (response === undefined) {
            response = await get(path(Number(next), end, anchor));
            if (!response.ok || response.body === null) throw await GatewayError.from(response);
          }
          await copyEntries(response);
          next = response.headers.get('n2k-export-next');
        } catch (err) {
          if (++failures > EXPORT_PART_RETRIES) throw err;
          await new Promise((resolve) => setTimeout(resolve, EXPORT_RETRY_DELAY_MS * failures));
          next = String(nextIndex);
        }
        if (next === null) break;
        response = undefined;
      }
      await write(']}\n');
    }
  } finally {
    await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
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
export async function verifyExportFile(
  file: string,
  vkey: string,
  onProgress?: (entries: number) => void,
): Promise<ExportVerification & { readonly problemCount: number }> {
  const verifier = new ExportVerifier(vkey);
  const frame: Record<string, unknown> = {};
  const framed = () => FRAME_MEMBERS.every((k) => k in frame);
  let verified = false;
  let waiting: unknown[] = []; // entries read in the piece that completed the frame
  let skipped = false; // entries came before the frame: read them again afterwards
  let reported = 0;
  const progress = () => {
    if (onProgress === undefined || verifier.entries - reported < 100_000) return;
    reported = verifier.entries;
    onProgress(reported);
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
