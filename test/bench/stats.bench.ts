/**
 * Statistics benchmark (`npm run bench:stats`). First, one suppressed release of the crime table
 * (provinces by month, cut from the commune × criterion × month table) cut from the kept protected
 * table, beside the same release protected afresh and beside one pass at threshold 10 alone, for
 * 20,000 and 200,000 cases (`--release-cases 20000,200000`; see lib/stats-releases.ts). Then the time to compute the full yearly commune ×
 * criterion table of 1,000,000 cases with small-cell suppression (primary and secondary, its proof
 * re-checked) and with differential privacy (contribution bounding, discrete Laplace noise, consistent
 * post-processing), each beside a plain recount of the same cases without protection, in interleaved
 * rounds. The same for the commune × criterion × month table of the year (≈ 200,000 cells).
 *
 * Pure computation on synthetic facets (the demo data's place hierarchy, population-weighted): no
 * gateway, no storage. Options: `--cases N` (default 1,000,000), `--only releases` or `--only recount`.
 */
import { places } from '@need2know/demo-data';
import {
  boundContributions,
  categoryDimension,
  cryptoRandom,
  periodDimension,
  placeDimension,
  protect,
  tabulate,
  type Dimension,
  type PeriodGrain,
  type TabulationRow,
} from '@need2know/stats';
import { compare, environment, report, type ReportRow } from './lib/measure.js';
import { releaseRows } from './lib/stats-releases.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const CASES = Number(arg('--cases') ?? NaN) || 1_000_000;
const RELEASE_CASES = (arg('--release-cases') ?? '20000,200000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ONLY = arg('--only');
const YEAR = 2025;
const THRESHOLD = 10;
const EPSILON_MICRO = 1_000_000;
const BOUND = 2;
/** Cases per person on average: some people appear in several cases (contribution bounding matters). */
const CASES_PER_PERSON = 1.6;

/** xorshift32: reproducible synthetic data. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4_294_967_296;
  };
}

// Cases fall in communes in proportion to their province's population; criteria as in the demo data.
const random = rng(20_251_231);
const communes = places.communes;
const weights = communes.map((c) => places.province(c.provinceCode)?.population ?? 1);
const cumulative: number[] = [];
weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
const totalWeight = cumulative.at(-1) ?? 1;
const pickCommune = () => {
  const r = random() * totalWeight;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return communes[lo]?.code ?? '';
};
const CRITERIA = [
  [1, 40],
  [2, 20],
  [3, 20],
  [4, 8],
  [5, 12],
] as const;
const pickCriterion = () => {
  let r = random() * 100;
  for (const [k, w] of CRITERIA) {
    r -= w;
    if (r < 0) return k;
  }
  return 5;
};

/** `n` synthetic cases: one tabulation row each, and the person it counts against. */
function syntheticCases(n: number): { rows: TabulationRow[]; units: Array<{ unit: string; key: string; values: readonly unknown[] }> } {
  const rows: TabulationRow[] = new Array<TabulationRow>(n);
  const units: Array<{ unit: string; key: string; values: readonly unknown[] }> = new Array(n);
  const persons = Math.round(n / CASES_PER_PERSON);
  for (let i = 0; i < n; i++) {
    const values = [pickCriterion(), pickCommune(), `${YEAR}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`] as const;
    rows[i] = { values, count: 1 };
    units[i] = { unit: String(Math.floor(random() ** 1.5 * persons)), key: String(i), values };
  }
  return { rows, units };
}

if (ONLY !== 'recount') {
  const out: ReportRow[] = [];
  const notes: string[] = [];
  for (const n of RELEASE_CASES) {
    const r = await releaseRows(syntheticCases(n).rows, YEAR);
    out.push(...r.rows);
    notes.push(
      `${n.toLocaleString('en-US')} cases: ${r.cells.toLocaleString('en-US')} cells, ${r.withheld.toLocaleString('en-US')} withheld at 10; kept form ${r.encodedBytes.toLocaleString('en-US')} bytes, ${r.storedBytes.toLocaleString('en-US')} gzipped`,
    );
  }
  report(out, { title: `A suppressed release (threshold ${THRESHOLD}, provinces × month cut from communes × month), kept vs afresh (${environment()})` });
  for (const note of notes) console.log(note);
  console.log('');
}
if (ONLY === 'releases') process.exit(0);

const started = performance.now();
const { rows, units } = syntheticCases(CASES);
console.log(
  `${CASES.toLocaleString('en-US')} synthetic cases over ${communes.length.toLocaleString('en-US')} communes in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);

const dims = (grain: PeriodGrain): Dimension[] => [
  categoryDimension('criterion', [1, 2, 3, 4, 5]),
  placeDimension(
    communes.map((c) => c.code),
    'commune',
  ),
  periodDimension(YEAR, grain),
];

const ms = (row: ReportRow) => `${(1000 / row.subject.opsPerSec).toFixed(0)} ms vs ${(1000 / (row.baseline?.opsPerSec ?? 1)).toFixed(0)} ms`;
const rowsOut: ReportRow[] = [];
for (const grain of ['year', 'month'] as const) {
  const d = dims(grain);
  const cells = tabulate(d, []).table.size;
  const label = grain === 'year' ? 'yearly commune × criterion' : 'commune × criterion × month';
  const baseline = { name: `plain recount, ${label} (${cells.toLocaleString('en-US')} cells)`, fn: () => tabulate(d, rows).table };
  const suppressed = await compare(
    {
      name: `recount + suppression (threshold ${THRESHOLD}), ${label}`,
      fn: () => protect(tabulate(d, rows).table, { method: 'suppression', threshold: THRESHOLD }),
    },
    baseline,
    { minMs: 1, warmupMs: 0, rounds: 5, latency: false },
  );
  rowsOut.push({ ...suppressed, note: ms(suppressed) });
  const noisy = await compare(
    {
      name: `bounding + recount + differential privacy (ε 1, bound ${BOUND}), ${label}`,
      fn: () =>
        protect(
          tabulate(
            d,
            boundContributions(units, BOUND).map((u) => ({ values: u.values, count: 1 })),
          ).table,
          { method: 'dp', epsilonMicro: EPSILON_MICRO, bound: BOUND, random: cryptoRandom() },
        ),
    },
    baseline,
    { minMs: 1, warmupMs: 0, rounds: 5, latency: false },
  );
  rowsOut.push({ ...noisy, note: ms(noisy) });
}

// What the protection did to the yearly table, for the record.
const yearly = tabulate(dims('year'), rows).table;
const s = protect(yearly, { method: 'suppression', threshold: THRESHOLD }).summary;
report(rowsOut, { title: `Statistics on ${CASES.toLocaleString('en-US')} cases (${environment()})` });
if (s.method === 'suppression')
  console.log(
    `yearly commune × criterion table: ${yearly.size.toLocaleString('en-US')} cells, ${s.primary} withheld as small, ${s.secondary} more to protect them`,
  );
