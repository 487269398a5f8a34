import { EXPORT_FORMAT, HASH_BYTES } from '../constants.js';
import { decodeBase64 } from '@need2know/crypto';
import type { ExportProblem } from './types.js';

/** An export entry after shape checks: proof decoded, position in the `entries` array kept. */
export interface ReadEntry {
  readonly position: number;
  readonly index: number;
  readonly entry: Record<string, unknown>;
  readonly proof: Uint8Array[];
}

/** An export after shape checks. Internal to `verifyExport`. */
export interface ReadExport {
  readonly origin: string;
  readonly start: number;
  readonly end: number;
  readonly entries: ReadEntry[];
  readonly checkpoints: string[];
  readonly consistency: (Uint8Array[] | undefined)[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Decodes a list of base64 hashes, or undefined if any is not base64 of 32 bytes. */
function hashes(v: unknown): Uint8Array[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Uint8Array[] = [];
  for (const s of v) {
    const h = typeof s === 'string' ? decodeBase64(s) : undefined;
    if (h === undefined || h.length !== HASH_BYTES) return undefined;
    out.push(h);
  }
  return out;
}

/**
 * Checks the shape of an untrusted export. Problems with single entries or proofs are pushed to
 * `problems` and the rest is kept; a wrong top-level shape returns undefined. Internal.
 */
export function readExport(value: unknown, problems: ExportProblem[]): ReadExport | undefined {
  if (!isObject(value) || value['format'] !== EXPORT_FORMAT) {
    problems.push({ code: 'ERR_MALFORMED', message: `not a ${EXPORT_FORMAT} document` });
    return undefined;
  }
  const { origin, start, end, entries, checkpoints, consistency } = value;
  if (typeof origin !== 'string' || origin.length === 0 || !isIndex(start) || !isIndex(end) || end < start || !Array.isArray(entries)) {
    problems.push({ code: 'ERR_MALFORMED', message: 'origin, start, end or entries missing or of the wrong type' });
    return undefined;
  }
  if (!Array.isArray(checkpoints) || checkpoints.length === 0 || !checkpoints.every((c) => typeof c === 'string')) {
    problems.push({ code: 'ERR_MALFORMED', message: 'checkpoints must be a non-empty list of signed notes' });
    return undefined;
  }
  if (!Array.isArray(consistency) || consistency.length !== checkpoints.length - 1) {
    problems.push({ code: 'ERR_MALFORMED', message: 'consistency must hold one proof per consecutive pair of checkpoints' });
    return undefined;
  }
  const read: ReadEntry[] = [];
  entries.forEach((item: unknown, position) => {
    const index = isObject(item) && isIndex(item['index']) ? item['index'] : undefined;
    const proof = isObject(item) ? hashes(item['proof']) : undefined;
    const entry = isObject(item) ? item['entry'] : undefined;
    if (index === undefined || proof === undefined || !isObject(entry)) {
      problems.push({ code: 'ERR_MALFORMED', ...(index === undefined ? {} : { index }), message: `entries[${position}] is not { index, entry, proof }` });
      return;
    }
    read.push({ position, index, entry, proof });
  });
  const proofs = consistency.map((p: unknown, k) => {
    const h = hashes(p);
    if (h === undefined) problems.push({ code: 'ERR_MALFORMED', checkpoint: k + 1, message: `consistency[${k}] is not a list of base64 hashes` });
    return h;
  });
  return { origin, start, end, entries: read, checkpoints: checkpoints as string[], consistency: proofs };
}
