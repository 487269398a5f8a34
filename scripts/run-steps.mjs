// Runs independent shell commands side by side (as many at once as the machine has cores) and
// prints each one's output as a whole when it ends, in the order given, so that `npm test`'s checks
// and type checks take the time of the slowest rather than of all together and still read like
// one after the other. Exits with the first failed command's status, after naming every failure.
// With N2K_STEP_TIMES=1 it also says how long each command took.
// Plain JavaScript: package.json's scripts call it before any TypeScript tooling is needed.
//
//   node scripts/run-steps.mjs 'tsc -p tsconfig.json' 'tsc -p gateway/tsconfig.json'
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node scripts/run-steps.mjs <command>…');
  process.exit(2);
}
/** Commands running at once: one per core, since each step (tsc, biome, dependency-cruiser) keeps a core busy. */
const AT_ONCE = Math.max(1, availableParallelism());

/** Runs one command through the shell; resolves with its exit status and everything it printed. */
function run(command) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) =>
      resolve({ command, status: code ?? (signal === null ? 1 : 128), output: Buffer.concat(output), ms: Date.now() - started }),
    );
  });
}

const results = new Array(commands.length);
const printed = { next: 0 };
/** Prints finished results in the order the commands were given. */
function flush() {
  while (printed.next < commands.length && results[printed.next] !== undefined) {
    const { output } = results[printed.next];
    if (output.length > 0) process.stdout.write(output);
    printed.next++;
  }
}

let nextIndex = 0;
async function worker() {
  while (nextIndex < commands.length) {
    const index = nextIndex++;
    results[index] = await run(commands[index]);
    flush();
  }
}
await Promise.all(Array.from({ length: Math.min(AT_ONCE, commands.length) }, worker));

const failed = results.filter((r) => r.status !== 0);
for (const r of failed) console.error(`failed (exit ${r.status}): ${r.command}`);
if (process.env.N2K_STEP_TIMES === '1') for (const r of results) console.error(`${(r.ms / 1000).toFixed(1)} s  ${r.command}`);
process.exit(failed[0]?.status ?? 0);
