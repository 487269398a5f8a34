/**
 * `n2k trace <file>`: names the view a leaked copy came from. Reads the sample (copied text, or a
 * PNG screenshot), recovers the view ids its trace marks carry, and asks the gateway — as a privacy
 * officer — who opened that view, when, and under which purpose and grant.
 * What the marks are and what survives what: extension/TRACE-MARKS.md.
 */
import { readFileSync } from 'node:fs';
import { GatewayError } from '@need2know/client';
import { decodeImageMark } from '../../extension/src/lib/trace-mark/image.js';
import { decodeTextMarks, MARK_FRAME, MARK_SYMBOLS } from '../../extension/src/lib/trace-mark/text.js';
import { decodePng, hasPngSignature } from '@need2know/png';

/**
 * The largest screenshot read, in pixels: an 8K display is 33 M. Larger files are refused (by the
 * PNG module, from their header) before their data is inflated, so a small crafted file cannot claim gigabytes.
 */
export const MAX_SCREENSHOT_PIXELS = 50_000_000;

/** What a sample is read as. */
export type SampleKind = 'png' | 'text';

/** The view ids found in a sample, first seen first. */
export interface ExtractedMarks {
  readonly kind: SampleKind;
  readonly viewIds: string[];
}

/** A view as `GET /v1/admin/views/{view_id}` describes it. */
export interface ViewTrace {
  view_id: string;
  at: string;
  officer_id: string;
  officer_name: string;
  agency_id: string;
  purpose_id: string;
  grant_id: string;
  record_type: string;
  /** The delivery the view opened; its log entry names the persons (keyed hashes). */
  disclosure_id: string;
  log_index: number;
  reveals: { at: string; reason: string; log_index: number }[];
}

/** A sample this command cannot read, with what to do instead. */
export class TraceInputError extends Error {
  override readonly name = 'TraceInputError';
}

/** Image formats recognised by their first bytes, so they are refused rather than read as text. */
const OTHER_IMAGES: readonly { name: string; magic: readonly number[] }[] = [
  { name: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { name: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP', magic: [0x52, 0x49, 0x46, 0x46] },
  { name: 'BMP', magic: [0x42, 0x4d] },
  { name: 'TIFF', magic: [0x49, 0x49, 0x2a, 0x00] },
];

/** The mark's characters as HTML numeric references (a sample saved from a web page or mail). */
const MARK_REFERENCE = new RegExp(
  `&#(?:x0*(${[MARK_FRAME, ...MARK_SYMBOLS].map((c) => (c.codePointAt(0) as number).toString(16)).join('|')})|0*(${[MARK_FRAME, ...MARK_SYMBOLS].map((c) => c.codePointAt(0) as number).join('|')}));`,
  'gi',
);

/** The sample's bytes: a file, or standard input for `-`. */
export function readSample(path: string): Uint8Array {
  return readFileSync(path === '-' ? 0 : path);
}

/** Text from bytes: UTF-16 when a byte-order mark says so (Windows editors save it), else UTF-8. */
export function sampleText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The view ids a leaked sample carries: from the image mark of a PNG screenshot, or the text marks
 * of anything else read as text. Throws `TraceInputError` for other image formats and `PngError`
 * for a PNG it cannot read.
 */
export async function extractViewIds(bytes: Uint8Array): Promise<ExtractedMarks> {
  if (hasPngSignature(bytes)) {
    const { width, height, data } = await decodePng(bytes, { maxPixels: MAX_SCREENSHOT_PIXELS });
    const id = decodeImageMark(data, width, height);
    return { kind: 'png', viewIds: id === null ? [] : [id] };
  }
  const other = OTHER_IMAGES.find(({ magic }) => magic.every((b, i) => bytes[i] === b));
  if (other !== undefined) {
    throw new TraceInputError(
      `this is a ${other.name} image; only PNG screenshots are read. Convert it without further loss (e.g. convert leak.jpg leak.png) and try that: a lightly compressed full screenshot may still carry the mark`,
    );
  }
  const text = sampleText(bytes).replace(MARK_REFERENCE, (_, hex: string | undefined, dec: string | undefined) =>
    String.fromCodePoint(hex === undefined ? Number(dec) : parseInt(hex, 16)),
  );
  return { kind: 'text', viewIds: decodeTextMarks(text) };
}

/** Each view id with its trace, or null when the gateway has no such view (HTTP 404). */
export async function lookUpViews(
  viewIds: readonly string[],
  fetchView: (viewId: string) => Promise<ViewTrace>,
): Promise<{ viewId: string; trace: ViewTrace | null }[]> {
  const out: { viewId: string; trace: ViewTrace | null }[] = [];
  for (const viewId of viewIds) {
    try {
      out.push({ viewId, trace: await fetchView(viewId) });
    } catch (err) {
      if (err instanceof GatewayError && err.status === 404) out.push({ viewId, trace: null });
      else throw err;
    }
  }
  return out;
}

/** A view's trace for people to read, with how to prove its log entry. */
export function formatViewTrace(t: ViewTrace): string[] {
  const file = `view-${t.view_id}.json`;
  return [
    `view ${t.view_id}`,
    `  officer     ${t.officer_name} (${t.officer_id})`,
    `  agency      ${t.agency_id}`,
    `  purpose     ${t.purpose_id}`,
    `  grant       ${t.grant_id}`,
    `  opened at   ${t.at}`,
    `  record      ${t.record_type}, delivery ${t.disclosure_id}`,
    `  log index   ${t.log_index}`,
    ...t.reveals.map((r) => `  revealed    ${r.at} (log index ${r.log_index}): ${r.reason}`),
    `  prove it    npm run n2k -- audit export --from ${t.log_index} --to ${t.log_index + 1} --out ${file}`,
    `              npm run n2k -- audit verify --file ${file}`,
  ];
}

/** What `runTrace` needs from the command line around it. */
export interface TraceDeps {
  /** Fetches `GET /v1/admin/views/{view_id}` as a signed-in privacy officer. */
  readonly fetchView: (viewId: string) => Promise<ViewTrace>;
  readonly json: boolean;
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}

/**
 * Traces the sample at `path` and prints what the gateway knows of each view it names. Returns the
 * exit code: 0 when every view found is on record, 1 when no mark was found or a view is unknown.
 */
export async function runTrace(path: string, deps: TraceDeps): Promise<number> {
  const { kind, viewIds } = await extractViewIds(readSample(path));
  const source = path === '-' ? 'standard input' : path;
  if (viewIds.length === 0) {
    deps.printError(
      kind === 'png'
        ? `no image trace mark found in ${source}. The screenshot may have been scaled, recompressed, photographed, or cropped to less than about three tiles (264 × 216 px) each way; read the visible watermark instead.`
        : `no text trace mark found in ${source}. The text may have been retyped or cleaned of invisible characters, or it did not come from the viewer.`,
    );
    return 1;
  }
  const found = await lookUpViews(viewIds, deps.fetchView);
  if (deps.json) deps.print(JSON.stringify({ kind, views: found.map(({ viewId, trace }) => ({ view_id: viewId, found: trace !== null, trace })) }, null, 2));
  else {
    deps.print(`${kind === 'png' ? 'image' : 'text'} trace mark in ${source}: ${viewIds.length} view${viewIds.length === 1 ? '' : 's'}`);
    for (const { trace } of found) {
      if (trace !== null) for (const line of formatViewTrace(trace)) deps.print(line);
    }
  }
  const unknown = found.filter((f) => f.trace === null);
  for (const { viewId } of unknown)
    deps.printError(`view ${viewId} is not on record at this gateway: the copy came from another gateway, or the mark was forged.`);
  return unknown.length === 0 ? 0 : 1;
}
