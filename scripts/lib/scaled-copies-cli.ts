/**
 * `n2k media scaled-copies`: makes the missing copies at the working size of large originals stored
 * before the gateway made them at upload, calling `POST /v1/admin/media/scaled-copies` until a whole
 * pass makes nothing.
 */

/** Why the gateway made no copy of an original (`ScaledCopyProgress` in the OpenAPI document). */
export type ScaledCopyFailure = 'unreadable' | 'undecodable' | 'copy_too_large';

/** What one call answers. */
export interface ScaledCopyProgressBody {
  made: number;
  failed: { ref: string; reason: ScaledCopyFailure }[];
  remaining: number;
  next: string | null;
}

/** The admin API as the loop needs it (an `AdminClient`, or a scripted route in tests). */
export interface ScaledCopyApi {
  post<T>(path: string): Promise<T>;
}

/** Where the loop writes its progress and its findings. */
export interface ScaledCopyOutput {
  print(line: string): void;
  printError(line: string): void;
}

/** What the whole run did. */
export interface ScaledCopyOutcome {
  readonly made: number;
  readonly remaining: number;
  /** Each original no copy could be made of, once, however many calls reported it. */
  readonly failed: readonly ScaledCopyProgressBody['failed'][number][];
}

/** The exit code when some originals could not be copied: they stay refused with `media_too_large`. */
export const EXIT_NOT_COPIED = 2;

/** The exit code when originals are still without a copy but no pass makes any more. */
export const EXIT_STUCK = 3;

/** Why an original was not copied, in words. */
const WORDS: Record<ScaledCopyFailure, string> = {
  unreadable: 'does not open (integrity alarm)',
  undecodable: 'does not decode',
  copy_too_large: 'even its copy is larger than an answer carries',
};

/**
 * Calls the scaled-copy route in batches of `batch`. A pass follows the `next` cursor to its end; a
 * new pass starts while the last one made something, and the run stops at the end of a pass that made
 * nothing (what is left is what cannot be copied) or when nothing is left at all.
 */
export async function scaledCopiesAll(api: ScaledCopyApi, batch: number, out: ScaledCopyOutput): Promise<ScaledCopyOutcome> {
  let made = 0;
  let remaining = 0;
  let madeThisPass = 0;
  let after: string | null = null;
  const failed = new Map<string, ScaledCopyProgressBody['failed'][number]>();
  for (;;) {
    const query: string = `?limit=${batch}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
    const p: ScaledCopyProgressBody = await api.post<ScaledCopyProgressBody>(`/media/scaled-copies${query}`);
    made += p.made;
    madeThisPass += p.made;
    remaining = p.remaining;
    for (const f of p.failed) failed.set(f.ref, f);
    out.print(
      `scaled copies: ${made.toLocaleString('en-US')} made, ${remaining.toLocaleString('en-US')} remaining` +
        (failed.size > 0 ? ` (${failed.size.toLocaleString('en-US')} cannot be copied)` : ''),
    );
    after = p.next;
    if (after !== null) continue;
    if (madeThisPass === 0 || remaining === 0) break;
    madeThisPass = 0;
  }
  const parts = [...failed.values()];
  if (parts.length > 0) {
    out.printError(`${parts.length} original(s) could not be copied and are still refused with media_too_large:`);
    for (const f of parts) out.printError(`  ${f.ref}: ${WORDS[f.reason]}`);
  }
  if (remaining > parts.length) out.printError(`${(remaining - parts.length).toLocaleString('en-US')} original(s) still without a copy: run again`);
  return { made, remaining, failed: parts };
}

/** The process exit code for an outcome: 0 when every large original has its copy. */
export function scaledCopiesExitCode(outcome: ScaledCopyOutcome): number {
  if (outcome.failed.length > 0) return EXIT_NOT_COPIED;
  return outcome.remaining > 0 ? EXIT_STUCK : 0;
}
