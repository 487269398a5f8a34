/**
 * Whole-log export benchmark (`npm run bench:audit-export`; `--large N`, default 1,000,000): the log
 * grown to N entries, exported through `GET /v1/audit/export` by the CLI's export code (streamed to
 * a file) and verified by `n2k audit verify` in its own process, with its peak memory. Each figure
 * stands beside the same work at 10,000 entries in the same run, and verification beside a parse-only
 * read of the same file (what the cryptographic checks cost over reading). Local only (127.0.0.1).
 */
import { ExportReader } from '@need2know/audit';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveExport } from '../../scripts/lib/audit-cli.js';
import { startLocalGateway } from '../support/local-gateway.js';
import { environment } from './lib/measure.js';

const PORT = 8795;
const LARGE = Number(process.argv[process.argv.indexOf('--large') + 1] ?? NaN) || 1_000_000;
const SMALL = 10_000;
const APPEND_BATCH = 5_000;
/** The log object the export route reads (`AUDIT_SHARD` in gateway/src/store/bindings.ts). */
const AUDIT_SHARD = 'log:main';
const root = join(import.meta.dirname, '..', '..');

/** Runs `n2k audit verify` as an operator would, in its own process: seconds and peak RSS (GNU time), and its verdict. */
function timedVerify(file: string, vkey: string): { seconds: number; rssMb: number; line: string } {
  try {
    const result = execFileSync(
      '/bin/sh',
      [
        '-c',
        `/usr/bin/time -f 'N2K_TIME %e %M' "$0" "$1" audit verify --file "$2" --vkey "$3" 2>&1`,
        join(root, 'node_modules/.bin/tsx'),
        join(root, 'scripts/n2k.ts'),
        file,
        vkey,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    const timing = /N2K_TIME ([\d.]+) (\d+)/.exec(result);
    const line = result.split('\n').find((l) => l.startsWith('verified:')) ?? result.trim().split('\n').slice(-3).join(' | ');
    return { seconds: Number(timing?.[1] ?? NaN), rssMb: Number(timing?.[2] ?? NaN) / 1024, line };
  } catch (err) {
    const text = String((err as { stdout?: string }).stdout ?? err);
    throw new Error(`n2k audit verify failed: ${text.slice(-2000)}`);
  }
}

/** Reads the file through the same streaming reader, parsing every entry but checking nothing: seconds. */
async function parseOnly(file: string): Promise<{ seconds: number; entries: number }> {
  const started = performance.now();
  let entries = 0;
  const reader = new ExportReader({ field: () => {}, entry: () => void entries++ });
  for await (const piece of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) reader.push(piece as string);
  reader.end();
  return { seconds: (performance.now() - started) / 1000, entries };
}

const local = await startLocalGateway(PORT, { config: join(import.meta.dirname, 'worker', 'wrangler.bench.toml') });
const dir = mkdtempSync(join(tmpdir(), 'n2k-export-bench-'));
try {
  const url = local.gateway.url;
  const officer = local.officers[0];
  if (officer === undefined) throw new Error('no officer');
  const size = async () => ((await (await fetch(`${url}/__bench/audit/proof?shard=${encodeURIComponent(AUDIT_SHARD)}`)).json()) as { size: number }).size;
  // wrangler dev reloads the Worker when a source file changes: a failed call is tried again.
  const retrying = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  };
  const grow = async (to: number) => {
    for (let now = await retrying(size); now < to; now = await retrying(size)) {
      await retrying(async () =>
        (
          await fetch(`${url}/__bench/audit/append?n=${Math.min(APPEND_BATCH, to - now)}&shard=${encodeURIComponent(AUDIT_SHARD)}`, { method: 'POST' })
        ).arrayBuffer(),
      );
    }
  };
  const { vkey } = (await (await fetch(`${url}/v1/audit/key`)).json()) as { vkey: string };

  const run = async (entries: number) => {
    await grow(entries);
    const file = join(dir, `export-${entries}.json`);
    const started = performance.now();
    const bytes = await saveExport((path) => officer.fetchPath(path), { from: 0 }, file);
    const exportSeconds = (performance.now() - started) / 1000;
    const exportRssMb = process.resourceUsage().maxRSS / 1024;
    const verify = timedVerify(file, vkey);
    const parse = await parseOnly(file);
    rmSync(file);
    return { entries: parse.entries, bytes, exportSeconds, exportRssMb, verify, parse };
  };

  const small = await run(SMALL);
  process.stdout.write(`growing the log to ${LARGE.toLocaleString('en-US')} entries…\n`);
  const large = await run(LARGE);

  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`\nEnvironment: ${environment()}; gateway: wrangler dev (workerd), local Durable Objects\n`);
  console.log('### Whole-log export and verification\n');
  console.log('| measurement | at 1M (or --large) | at 10k, same run | ratio (large / small, per entry) |');
  console.log('| --- | ---: | ---: | ---: |');
  const perEntry = (a: number, b: number) => `×${f(a / large.entries / (b / small.entries), 2)}`;
  console.log(`| entries exported (log size when the export began) | ${f(large.entries)} | ${f(small.entries)} | |`);
  console.log(`| export size | ${f(large.bytes / 1e6, 1)} MB | ${f(small.bytes / 1e6, 1)} MB | |`);
  console.log(
    `| export through the route to a file | ${f(large.exportSeconds, 1)} s (${f(large.entries / large.exportSeconds)} entries/s) | ${f(small.exportSeconds, 2)} s | ${perEntry(large.exportSeconds, small.exportSeconds)} |`,
  );
  console.log(
    `| \`n2k audit verify\` (own process) | ${f(large.verify.seconds, 1)} s (${f(large.entries / large.verify.seconds)} entries/s) | ${f(small.verify.seconds, 2)} s | ${perEntry(large.verify.seconds, small.verify.seconds)} |`,
  );
  console.log(
    `| peak memory of \`n2k audit verify\` | ${f(large.verify.rssMb)} MB | ${f(small.verify.rssMb)} MB | ×${f(large.verify.rssMb / small.verify.rssMb, 2)} (total) |`,
  );
  console.log(
    `| parse-only read of the same file (baseline) | ${f(large.parse.seconds, 1)} s | ${f(small.parse.seconds, 2)} s | verify / parse at 1M: ×${f(large.verify.seconds / large.parse.seconds, 1)} |`,
  );
  console.log(`| peak memory of the exporting process (after both) | ${f(large.exportRssMb)} MB | ${f(small.exportRssMb)} MB | |`);
  console.log(`\nverify at ${f(large.entries)}: ${large.verify.line}`);
  console.log(`verify at ${f(small.entries)}: ${small.verify.line}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await local.close();
}
