/**
 * `npm run types:check`: is `gateway/worker-configuration.d.ts` what `npm run types` writes now?
 *
 * Generates the types beside the committed file, with the same command (the Worker's secrets named
 * by `gateway/secrets.env.example`, so a developer's `.dev.vars` never changes them), and compares
 * them below the header line, which names the output file and a hash of the command. `wrangler types
 * --check` cannot be used: it ignores `--env-file`, so it reports a correct file as out of date.
 * Exits 1, naming the first differing line, when the committed file is stale.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const COMMITTED = join(ROOT, 'gateway/worker-configuration.d.ts');
const FRESH = join(ROOT, 'gateway/.worker-configuration.check.d.ts');

/** The file's lines below its header (the header names the output path and the command's hash). */
const body = (path: string) => readFileSync(path, 'utf8').split('\n').slice(2);

try {
  execFileSync('npx', ['wrangler', 'types', FRESH, '--strict-vars=false', '--env-file', 'gateway/secrets.env.example'], { cwd: ROOT, stdio: 'pipe' });
  const [committed, fresh] = [body(COMMITTED), body(FRESH)];
  const at = committed.findIndex((line, i) => line !== fresh[i]);
  if (at !== -1 || committed.length !== fresh.length) {
    const line = at === -1 ? Math.min(committed.length, fresh.length) : at;
    console.error(`gateway/worker-configuration.d.ts is out of date (line ${line + 3}): run npm run types and commit it.`);
    process.exitCode = 1;
  } else {
    console.log('gateway/worker-configuration.d.ts is up to date.');
  }
} finally {
  rmSync(FRESH, { force: true });
}
