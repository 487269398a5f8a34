/**
 * `npm run demo:generate`: writes a synthetic dataset as NDJSON, one file per record type
 * (`person.ndjson`, `case.ndjson`, `health_case.ndjson`, `officer_discipline.ndjson`) plus a
 * `manifest.json` saying how it was made. Nothing in it is real. Same options, same bytes.
 *
 *   npm run demo:generate -- [--seed S] [--persons N] [--cases N] [--health-cases N]
 *                             [--disciplines N] [--reference-date YYYY-MM-DD] [--out DIR]
 *
 * Only --persons given: cases default to 2× persons, health cases to 0.2×, discipline records to 0.05×.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_RECORD_TYPES, type DemoRecordType, generateDataset } from '@need2know/demo-data';

/** Default output folder (gitignored with the rest of `.local/`). */
const DEFAULT_OUT = '.local/demo/data';
/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;
/** Progress is redrawn at most this often. */
const PROGRESS_MS = 250;

const USAGE = `Usage: npm run demo:generate -- [options]

  --seed S                 seed (string or number; default need2know-demo)
  --persons N              persons (default 10000)
  --cases N                cases (default 2 × persons)
  --health-cases N         health cases (default 0.2 × persons)
  --disciplines N          officer discipline records (default 0.05 × persons)
  --reference-date DATE    the day the data is "as of" (default 2026-06-30)
  --out DIR                output folder (default ${DEFAULT_OUT})
  -h, --help               this text`;

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    persons: { type: 'string' },
    cases: { type: 'string' },
    'health-cases': { type: 'string' },
    disciplines: { type: 'string' },
    'reference-date': { type: 'string' },
    out: { type: 'string', default: DEFAULT_OUT },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

function open(): ReturnType<typeof generateDataset> {
  try {
    return generateDataset({
      ...(values.seed === undefined ? {} : { seed: values.seed }),
      ...(values['reference-date'] === undefined ? {} : { referenceDate: values['reference-date'] }),
      persons: count('persons', values.persons),
      cases: count('cases', values.cases),
      healthCases: count('health-cases', values['health-cases']),
      disciplines: count('disciplines', values.disciplines),
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const dataset = open();

const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const sizeOf: Record<DemoRecordType, number> = {
  person: dataset.sizes.persons,
  case: dataset.sizes.cases,
  health_case: dataset.sizes.healthCases,
  officer_discipline: dataset.sizes.disciplines,
};
const number = new Intl.NumberFormat('en');
const interactive = process.stderr.isTTY === true;

console.log(`need2know: synthetic demo data, seed ${JSON.stringify(dataset.seed)}, as of ${dataset.referenceDate} → ${out}`);
const started = performance.now();
let totalRecords = 0;
let totalBytes = 0;

for (const type of DEMO_RECORD_TYPES) {
  const total = sizeOf[type];
  const file = join(out, `${type}.ndjson`);
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  let lastDraw = t0;
  let written = 0;
  let bytes = 0;
  let chunk = '';
  const flush = () => {
    bytes += writeSync(fd, chunk);
    chunk = '';
  };
  try {
    for (const record of dataset.records(type)) {
      chunk += `${JSON.stringify(record)}\n`;
      written++;
      if (chunk.length >= CHUNK_CHARS) flush();
      if (interactive && (written & 1023) === 0) {
        const now = performance.now();
        if (now - lastDraw >= PROGRESS_MS) {
          lastDraw = now;
          const rate = written / ((now - t0) / 1000);
          process.stderr.write(
            `\r  ${type.padEnd(18)} ${number.format(written).padStart(11)} / ${number.format(total)}  ${number.format(Math.round(rate))} records/s   `,
          );
        }
      }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (interactive) process.stderr.write('\r\u001b[2K');
  console.log(
    `  ${`${type}.ndjson`.padEnd(24)} ${number.format(written).padStart(11)} records  ${seconds.toFixed(1).padStart(6)} s  ${number.format(Math.round(written / Math.max(seconds, 1e-6))).padStart(9)} records/s  ${(bytes / 1e6).toFixed(1).padStart(8)} MB`,
  );
  totalRecords += written;
  totalBytes += bytes;
}

// No timestamp: the same options must give the same folder, byte for byte.
writeFileSync(
  join(out, 'manifest.json'),
  `${JSON.stringify(
    {
      synthetic: true,
      generator: '@need2know/demo-data',
      seed: dataset.seed,
      referenceDate: dataset.referenceDate,
      sizes: dataset.sizes,
      files: Object.fromEntries(DEMO_RECORD_TYPES.map((type) => [type, `${type}.ndjson`])),
    },
    null,
    2,
  )}\n`,
);

const seconds = (performance.now() - started) / 1000;
console.log(
  `  total ${number.format(totalRecords)} records, ${(totalBytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${number.format(Math.round(totalRecords / seconds))} records/s)`,
);
