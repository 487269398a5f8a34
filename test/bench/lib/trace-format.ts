/**
 * The wire form of a storage trace (see test/bench/worker/trace-bindings.ts): shared by the
 * bench-only Worker that writes it and the benchmark scripts that read it.
 */

/** One storage call: what, when it started after the request began, how long it took (ms). */
export interface TracedCall {
  readonly name: string;
  readonly start: number;
  readonly ms: number;
}

/** Response header carrying the trace: `name@start+ms` joined by `;`. */
export const TRACE_HEADER = 'n2k-bench-trace';

/** The trace as a header value. */
export function formatTrace(calls: readonly TracedCall[]): string {
  return calls.map((c) => `${c.name.replace(/[;@+]/g, ' ')}@${c.start.toFixed(2)}+${c.ms.toFixed(2)}`).join(';');
}

/** Parses a header written by {@link formatTrace}. */
export function parseTrace(value: string | null): TracedCall[] {
  if (value === null || value === '') return [];
  return value.split(';').map((part) => {
    const m = /^(.*)@([\d.]+)\+([\d.]+)$/.exec(part);
    if (m === null) throw new Error(`bad trace part: ${part}`);
    return { name: m[1] as string, start: Number(m[2]), ms: Number(m[3]) };
  });
}
