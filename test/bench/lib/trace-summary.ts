/**
 * Summarises storage traces of many requests (see test/bench/worker/trace-bindings.ts): for each
 * kind of call, how many per request and how long on average, and how much of a request's time
 * in the Worker was spent waiting on storage (overlapping calls counted once).
 */
import { parseTrace, TRACE_HEADER, type TracedCall } from './trace-format.js';

/** What one traced request reported. */
export interface Trace {
  readonly calls: readonly TracedCall[];
  /** Time in the Worker from the request's arrival to the response (ms). */
  readonly total: number;
}

/** Reads the trace headers of a response from the bench build. */
export function traceOf(res: Response): Trace {
  return { calls: parseTrace(res.headers.get(TRACE_HEADER)), total: Number(res.headers.get(`${TRACE_HEADER}-total`) ?? NaN) };
}

/** Length of the union of the calls' intervals: storage time on the request's path. */
function waited(calls: readonly TracedCall[]): number {
  const spans = calls.map((c) => [c.start, c.start + c.ms] as const).sort((a, b) => a[0] - b[0]);
  let sum = 0;
  let end = -Infinity;
  for (const [s, e] of spans) {
    if (s >= end) {
      sum += e - s;
      end = e;
    } else if (e > end) {
      sum += e - end;
      end = e;
    }
  }
  return sum;
}

/** A Markdown table of the calls per request and their mean time, and a one-line total. */
export function summariseTraces(traces: readonly Trace[], title: string): string {
  const n = traces.length;
  const byName = new Map<string, { count: number; ms: number }>();
  for (const t of traces) {
    for (const c of t.calls) {
      const row = byName.get(c.name) ?? { count: 0, ms: 0 };
      row.count++;
      row.ms += c.ms;
      byName.set(c.name, row);
    }
  }
  const mean = (f: (t: Trace) => number) => traces.reduce((s, t) => s + f(t), 0) / n;
  const lines = [`### ${title} (${n} requests)`, '', '| storage call | per request | mean ms |', '| --- | ---: | ---: |'];
  for (const [name, row] of [...byName].sort((a, b) => b[1].ms - a[1].ms))
    lines.push(`| ${name} | ${(row.count / n).toFixed(2)} | ${(row.ms / row.count).toFixed(2)} |`);
  const calls = mean((t) => t.calls.length);
  lines.push(
    '',
    `calls per request ${calls.toFixed(2)}; in the Worker ${mean((t) => t.total).toFixed(2)} ms, of which waiting on storage ${mean((t) => waited(t.calls)).toFixed(2)} ms (overlaps counted once)`,
  );
  const text = `${lines.join('\n')}\n`;
  console.log(text);
  return text;
}
