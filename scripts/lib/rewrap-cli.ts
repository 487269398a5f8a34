/**
 * `n2k keys rewrap`: moves everything sealed under an older field-key version (records, photos,
 * videos, reasons, signing keys) to the current one, calling `POST /v1/admin/field-keys/rewrap`
 * until the gateway has nothing more it can move.
 */

/** What one re-wrap call answers (`RewrapProgress` in the OpenAPI document). */
export interface RewrapProgressBody {
  current_version: number;
  moved: number;
  remaining: number;
  signing_keys: number;
  unreadable: { type: string; id: string; version: number }[];
  next: string | null;
}

/** The admin API as the re-wrap loop needs it (an `AdminClient`, or a fake in tests). */
export interface RewrapApi {
  post<T>(path: string): Promise<T>;
}

/** Where the loop writes its progress and its findings. */
export interface RewrapOutput {
  print(line: string): void;
  printError(line: string): void;
}

/** What the whole run did. */
export interface RewrapOutcome {
  readonly moved: number;
  readonly remaining: number;
  /** Each part that did not open, once, however many calls reported it. */
  readonly unreadable: readonly RewrapProgressBody['unreadable'][number][];
}

/** The exit code when some parts did not open: an integrity alarm the officer must look into. */
export const EXIT_UNREADABLE = 2;

/** The exit code when parts are still below the current version but no call moves them any more. */
export const EXIT_STUCK = 3;

const partKey = (u: { type: string; id: string; version: number }) => JSON.stringify([u.type, u.id, u.version]);

/**
 * Calls the re-wrap route in batches of `batch`. A pass follows the `next` cursor to its end; a new
 * pass starts while the last one moved something. It stops when a call at the end of a pass moves
 * nothing (what is left is what does not open), or when nothing is left at all. Parts that do not
 * open are reported on every call that meets them, so they are counted once by type, id and version.
 */
export async function rewrapAll(api: RewrapApi, batch: number, out: RewrapOutput): Promise<RewrapOutcome> {
  let moved = 0;
  let remaining = 0;
  let after: string | null = null;
  const unreadable = new Map<string, RewrapProgressBody['unreadable'][number]>();
  for (;;) {
    const query: string = `?limit=${batch}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
    const p: RewrapProgressBody = await api.post<RewrapProgressBody>(`/field-keys/rewrap${query}`);
    moved += p.moved;
    remaining = p.remaining;
    for (const u of p.unreadable) unreadable.set(partKey(u), u);
    out.print(
      `re-wrap to v${p.current_version}: ${moved.toLocaleString('en-US')} moved, ${remaining.toLocaleString('en-US')} remaining` +
        (unreadable.size > 0 ? ` (${unreadable.size.toLocaleString('en-US')} do not open)` : ''),
    );
    after = p.next;
    if (after === null && (p.moved === 0 || remaining === 0)) break;
  }
  const parts = [...unreadable.values()];
  if (parts.length > 0) {
    out.printError(`${parts.length} part(s) did not open (integrity alarm), left under their old key version:`);
    for (const u of parts) out.printError(`  ${u.type}/${u.id}${u.version === 0 ? '' : ` v${u.version}`}`);
  }
  if (remaining > parts.length) {
    out.printError(`${(remaining - parts.length).toLocaleString('en-US')} part(s) still below the current version were not moved: run again`);
  }
  return { moved, remaining, unreadable: parts };
}

/** The process exit code for an outcome: 0 when everything moved. */
export function rewrapExitCode(outcome: RewrapOutcome): number {
  if (outcome.unreadable.length > 0) return EXIT_UNREADABLE;
  return outcome.remaining > 0 ? EXIT_STUCK : 0;
}
