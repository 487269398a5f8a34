import type { Checkpoint } from '../checkpoint/types.js';
import { EXPORT_FORMAT, HASH_BYTES } from '../constants.js';
import { decodeBase64, encodeBase64 } from '@need2know/crypto';
import { resolveVerifierKey, type VerifierKey } from '../note/keys.js';
import type { ExportProblem, ExportVerification } from './types.js';
import { checkCheckpoints, proves } from './verify-export.js';

/** Problems kept at most (the first ones): enough to locate damage, bounded for a log of millions. */
export const MAX_STREAM_PROBLEMS = 1_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

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
 * Verifies an export fed piece by piece, in memory that does not grow with the log: first its frame
 * (everything but `entries`), then each entry in order. The same checks as `verifyExport` — every
 * checkpoint signed and consistent with the next, every entry proven at its index in the anchor,
 * indices covering [start, end) once — except that entries must come in ascending order (an entry
 * after a higher index is `ERR_ORDER`; a repeated index `ERR_EXTRA_ENTRY`). At most
 * {@link MAX_STREAM_PROBLEMS} problems are kept; `finish` says how many there were.
 *
 * @example
 * ```ts
 * const v = new ExportVerifier(vkey);
 * await v.frame({ format, origin, start, end, checkpoints, consistency });
 * for await (const item of entries) v.entry(item);
 * const verdict = v.finish();
 * ```
 */
export class ExportVerifier {
  readonly #key: VerifierKey;
  readonly #problems: ExportProblem[] = [];
  #problemCount = 0;
  #frame: { origin: string; start: number; end: number } | undefined;
  #anchor: Checkpoint | undefined;
  #next = 0;
  #entries = 0;

  /** @throws TypeError for a bad verifier key (caller misuse), before anything else. */
  constructor(key: VerifierKey) {
    this.#key = resolveVerifierKey(key);
  }

  #problem(p: ExportProblem): void {
    this.#problemCount++;
    if (this.#problems.length < MAX_STREAM_PROBLEMS) this.#problems.push(p);
  }

  /** Entries checked so far. */
  get entries(): number {
    return this.#entries;
  }

  /** Checks the frame: format, segment, checkpoints and their consistency. Call once, first. */
  async frame(value: Record<string, unknown>): Promise<void> {
    if (this.#frame !== undefined) throw new TypeError('ExportVerifier: frame given twice');
    const { format, origin, start, end, checkpoints, consistency } = value;
    if (format !== EXPORT_FORMAT) return this.#problem({ code: 'ERR_MALFORMED', message: `not a ${EXPORT_FORMAT} document` });
    if (typeof origin !== 'string' || origin.length === 0 || !isIndex(start) || !isIndex(end) || end < start) {
      return this.#problem({ code: 'ERR_MALFORMED', message: 'origin, start or end missing or of the wrong type' });
    }
    if (!Array.isArray(checkpoints) || checkpoints.length === 0 || !checkpoints.every((c) => typeof c === 'string')) {
      return this.#problem({ code: 'ERR_MALFORMED', message: 'checkpoints must be a non-empty list of signed notes' });
    }
    if (!Array.isArray(consistency) || consistency.length !== checkpoints.length - 1) {
      return this.#problem({ code: 'ERR_MALFORMED', message: 'consistency must hold one proof per consecutive pair of checkpoints' });
    }
    const proofs = consistency.map((p: unknown, k) => {
      const h = hashes(p);
      if (h === undefined) this.#problem({ code: 'ERR_MALFORMED', checkpoint: k + 1, message: `consistency[${k}] is not a list of base64 hashes` });
      return h;
    });
    this.#frame = { origin, start, end };
    this.#next = start;
    const problems: ExportProblem[] = [];
    try {
      this.#anchor = await checkCheckpoints({ origin, end, checkpoints: checkpoints as string[], consistency: proofs }, this.#key, problems);
    } catch {
      problems.push({ code: 'ERR_MALFORMED', message: 'checkpoints could not be read' });
    }
    for (const p of problems) this.#problem(p);
  }

  /** Checks one entry `{ index, entry, proof }`; entries must follow the frame, in order. */
  entry(item: unknown): void {
    const frame = this.#frame;
    if (frame === undefined) {
      if (this.#problemCount === 0) this.#problem({ code: 'ERR_MALFORMED', message: 'entries came before the export frame' });
      return;
    }
    this.#entries++;
    const index = isObject(item) && isIndex(item['index']) ? item['index'] : undefined;
    const proof = isObject(item) ? hashes(item['proof']) : undefined;
    const entry = isObject(item) ? item['entry'] : undefined;
    if (index === undefined || proof === undefined || !isObject(entry)) {
      this.#problem({
        code: 'ERR_MALFORMED',
        ...(index === undefined ? {} : { index }),
        message: `entry ${this.#entries - 1} of the list is not { index, entry, proof }`,
      });
      return;
    }
    if (index < frame.start || index >= frame.end) {
      this.#problem({ code: 'ERR_EXTRA_ENTRY', index, message: `entry outside the exported segment [${frame.start}, ${frame.end})` });
      return;
    }
    if (index < this.#next - 1) {
      this.#problem({ code: 'ERR_ORDER', index, message: `entry ${index} comes after entry ${this.#next - 1}` });
      return;
    }
    if (index === this.#next - 1) {
      this.#problem({ code: 'ERR_EXTRA_ENTRY', index, message: `index ${index} appears twice` });
      return;
    }
    if (index > this.#next)
      this.#problem({
        code: 'ERR_GAP',
        index: this.#next,
        message: index === this.#next + 1 ? `entry ${this.#next} is missing` : `entries ${this.#next} to ${index - 1} are missing`,
      });
    this.#next = index + 1;
    if (this.#anchor === undefined) return;
    const problems: ExportProblem[] = [];
    if (!proves({ index, entry, proof }, this.#anchor, problems) && problems.length === 0) {
      problems.push({ code: 'ERR_ENTRY_MISMATCH', index, message: `entry ${index} is not the one the checkpoint commits to` });
    }
    for (const p of problems) this.#problem(p);
  }

  /** The verdict, once every entry was given. `problemCount` counts problems beyond those kept. */
  finish(): ExportVerification & { readonly problemCount: number } {
    const frame = this.#frame;
    if (frame !== undefined && this.#next < frame.end) {
      this.#problem({
        code: 'ERR_GAP',
        index: this.#next,
        message: this.#next === frame.end - 1 ? `entry ${this.#next} is missing` : `entries ${this.#next} to ${frame.end - 1} are missing`,
      });
      this.#next = frame.end;
    }
    if (frame === undefined && this.#problemCount === 0) this.#problem({ code: 'ERR_MALFORMED', message: 'the export frame is missing' });
    const anchor = this.#anchor;
    if (this.#problemCount > 0 || frame === undefined || anchor === undefined)
      return { ok: false, problems: [...this.#problems], problemCount: this.#problemCount };
    return { ok: true, size: anchor.size, root: encodeBase64(anchor.root), start: frame.start, end: frame.end, problemCount: 0 };
  }
}
