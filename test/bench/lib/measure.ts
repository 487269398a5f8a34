/**
 * A tiny benchmark harness shared by the `test/bench/*.bench.ts` scripts.
 *
 * `measure()` times a sync or async function for a fixed wall-clock budget after a warm-up and
 * returns operations per second (the median of a few rounds, to damp JIT and GC noise); async
 * functions also get per-operation latency percentiles. `compare()` times a subject and its
 * baseline in interleaved rounds, so both see the same machine load. `report()` prints a Markdown
 * table in which each figure stands beside a baseline measured in the same run, with the ratio:
 * results are compared on the same machine at the same moment, never across runs.
 *
 * @example
 * ```ts
 * const row = await compare({ name: 'ours', fn: () => seal(x) }, { name: 'raw', fn: () => cipher(x) });
 * report([row], { title: 'Sealing' });
 * ```
 */

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Wall-clock time per round, in ms (default 500). */
  readonly minMs?: number;
  /** Warm-up time before the first round, in ms (default 200). */
  readonly warmupMs?: number;
  /** Rounds; the median round is reported (default 3). */
  readonly rounds?: number;
  /** Record per-operation latency percentiles of async functions (default true). */
  readonly latency?: boolean;
}

/** Latency percentiles in microseconds. */
export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** One timed function. */
export interface Measurement {
  readonly name: string;
  /** Operations per second (median round). */
  readonly opsPerSec: number;
  /** Operations run across all rounds (excluding warm-up). */
  readonly iterations: number;
  /** Whether `fn` returned a promise (awaited one call at a time). */
  readonly async: boolean;
  /** Per-operation latency, async functions only. */
  readonly latency?: Latency;
}

/** One line of {@link report}: a figure and, optionally, the baseline it is compared with. */
export interface ReportRow {
  readonly subject: Measurement;
  readonly baseline?: Measurement;
  /** Short remark shown in the last column (e.g. a target). */
  readonly note?: string;
  /**
   * Time per operation of the subject divided by the baseline's, when measured by {@link compare};
   * otherwise {@link report} derives it from the two ops/s figures.
   */
  readonly ratio?: number;
}

/** Holds results so the optimiser cannot drop the measured calls. */
let sink: unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `fn` `n` times synchronously and returns the elapsed ms. */
function runSync(fn: () => unknown, n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) sink = fn();
  return performance.now() - start;
}

/** Result of one timed round. */
interface Round {
  readonly n: number;
  readonly ms: number;
}

/** A warmed-up function that can be timed in rounds. */
interface Runner {
  readonly async: boolean;
  round(ms: number): Promise<Round>;
  /** Per-operation latencies in µs collected so far (async only). */
  readonly samples: number[];
}

/**
 * Warms `fn` up for `warmupMs`. Sync functions are then run in batches sized to about 1 ms, so the
 * timer's cost and resolution do not distort fast operations; async functions are awaited one at
 * a time and each call is timed.
 */
async function prepare(fn: () => unknown, warmupMs: number, latency: boolean): Promise<Runner> {
  const first = fn();
  const async = isThenable(first);
  sink = async ? await first : first;
  const samples: number[] = [];
  if (!async) {
    let batch = 1;
    const warmEnd = performance.now() + warmupMs;
    while (performance.now() < warmEnd) {
      if (runSync(fn, batch) < 1) batch *= 2;
    }
    return {
      async,
      samples,
      round: async (ms) => {
        let n = 0;
        let elapsed = 0;
        while (elapsed < ms) {
          elapsed += runSync(fn, batch);
          n += batch;
        }
        return { n, ms: elapsed };
      },
    };
  }
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) sink = await fn();
  return {
    async,
    samples,
    round: async (ms) => {
      let n = 0;
      const start = performance.now();
      let now = start;
      while (now - start < ms) {
        const t = now;
        sink = await fn();
        now = performance.now();
        if (latency) samples.push((now - t) * 1000);
        n++;
      }
      return { n, ms: now - start };
    },
  };
}

function summarise(name: string, runner: Runner, rounds: readonly Round[], latency: boolean): Measurement {
  const result: Measurement = {
    name,
    opsPerSec: median(rounds.map((r) => (r.n * 1000) / r.ms)),
    iterations: rounds.reduce((sum, r) => sum + r.n, 0),
    async: runner.async,
  };
  if (!runner.async || !latency) return result;
  const sorted = [...runner.samples].sort((a, b) => a - b);
  return { ...result, latency: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) } };
}

/**
 * Measures `fn` for `rounds` rounds of `minMs` each, after `warmupMs` of warm-up, and reports the
 * median round. Sync and async functions are both accepted (see {@link prepare}).
 */
export async function measure(name: string, fn: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { minMs = 500, warmupMs = 200, rounds = 3, latency = true } = options;
  const runner = await prepare(fn, warmupMs, latency);
  const done: Round[] = [];
  for (let r = 0; r < rounds; r++) done.push(await runner.round(minMs));
  return summarise(name, runner, done, latency);
}

/** A named function, for {@link compare}. */
export interface Named {
  readonly name: string;
  readonly fn: () => unknown;
}

/**
 * Measures `subject` against `baseline` in interleaved rounds (baseline, subject, baseline, …) of
 * `minMs` each, and returns a report row whose ratio is the median of the per-round ratios. On a
 * shared or busy machine this cancels most of the drift that separate measurements would suffer.
 */
export async function compare(subject: Named, baseline: Named, options: MeasureOptions & { readonly note?: string } = {}): Promise<ReportRow> {
  const { minMs = 100, warmupMs = 200, rounds = 15, latency = true, note } = options;
  const base = await prepare(baseline.fn, warmupMs, latency);
  const subj = await prepare(subject.fn, warmupMs, latency);
  const baseRounds: Round[] = [];
  const subjRounds: Round[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate the order so neither side always runs right after the other's garbage.
    const [first, second] = r % 2 === 0 ? [base, subj] : [subj, base];
    const a = await first.round(minMs);
    const b = await second.round(minMs);
    const [br, sr] = first === base ? [a, b] : [b, a];
    baseRounds.push(br);
    subjRounds.push(sr);
    ratios.push(sr.ms / sr.n / (br.ms / br.n));
  }
  const row: ReportRow = {
    subject: summarise(subject.name, subj, subjRounds, latency),
    baseline: summarise(baseline.name, base, baseRounds, latency),
    ratio: median(ratios),
  };
  return note === undefined ? row : { ...row, note };
}

function formatOps(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function formatLatency(m: Measurement): string {
  return m.latency === undefined ? '' : `${m.latency.p50.toFixed(1)} / ${m.latency.p99.toFixed(1)}`;
}

/**
 * Prints (and returns) a Markdown table: each figure in ops/s beside its baseline, and the ratio
 * `subject time ÷ baseline time` (×1.50 means the subject takes 1.5 times as long per operation;
 * for rows from {@link compare}, the median of the interleaved rounds' ratios).
 * A latency column appears when any row was async.
 */
export function report(rows: readonly ReportRow[], options: { readonly title?: string } = {}): string {
  const withLatency = rows.some((r) => r.subject.latency !== undefined || r.baseline?.latency !== undefined);
  const header = ['measurement', 'ops/s', 'baseline', 'baseline ops/s', 'time vs baseline'];
  if (withLatency) header.push('p50 / p99 µs (async)');
  header.push('note');
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((h, i) => (i === 0 || h === 'baseline' || h === 'note' ? '---' : '---:')).join(' | ')} |`];
  for (const { subject, baseline, note, ratio } of rows) {
    const r = ratio ?? (baseline === undefined ? undefined : baseline.opsPerSec / subject.opsPerSec);
    const cells = [
      subject.name,
      formatOps(subject.opsPerSec),
      baseline?.name ?? '',
      baseline === undefined ? '' : formatOps(baseline.opsPerSec),
      r === undefined ? '' : `×${r.toFixed(2)}`,
    ];
    if (withLatency) cells.push(formatLatency(subject));
    cells.push(note ?? '');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const text = `${options.title === undefined ? '' : `### ${options.title}\n\n`}${lines.join('\n')}\n`;
  console.log(text);
  void sink;
  return text;
}

/** One line describing where the figures were taken (runtime, OS, CPU count), for the report. */
export function environment(): string {
  const g = globalThis as {
    process?: { version?: string; platform?: string; arch?: string };
    navigator?: { hardwareConcurrency?: number; userAgent?: string };
  };
  const runtime = g.process?.version === undefined ? (g.navigator?.userAgent ?? 'unknown runtime') : `Node ${g.process.version}`;
  const where = g.process === undefined ? '' : ` on ${g.process.platform}/${g.process.arch}`;
  const cpus = g.navigator?.hardwareConcurrency === undefined ? '' : `, ${g.navigator.hardwareConcurrency} logical CPUs`;
  return `${runtime}${where}${cpus}`;
}
