/**
 * A local gateway's state with every D1 migration applied, made once and copied for each throw-away
 * gateway. `wrangler d1 migrations apply --local` starts wrangler and workerd and applies the
 * migrations one by one (6 s on a quiet 2-core machine, over 20 s on a loaded one); the end-to-end
 * suites and the local-gateway tests start a dozen and a half gateways per run. Copying the folder
 * that command wrote gives each gateway the same bytes in a few milliseconds.
 *
 * The template is keyed by everything that shapes those bytes (the migration files, wrangler.toml
 * and wrangler's version), so a new migration makes a new template and a stale one is never used.
 * It is built in a private folder and renamed into place: test processes starting at the same time
 * (vitest's workers, or several test runs on one machine) never see a half-written template.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/local-files.js';
import { applyLocalMigrations } from '../../scripts/lib/wrangler-dev.js';

const MIGRATIONS = join(ROOT, 'gateway', 'migrations');
/** Prefix of the template folders under the system's temporary folder. */
const TEMPLATE_PREFIX = 'n2k-d1-migrated-';

/** A digest of what the migrated state depends on: migration names and contents, wrangler.toml, wrangler's version. */
export function migratedStateKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(MIGRATIONS, name)))
      .update('\0');
  }
  hash.update(readFileSync(join(ROOT, 'wrangler.toml')));
  const wrangler = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'wrangler', 'package.json'), 'utf8')) as { version: string };
  hash.update(wrangler.version);
  return hash.digest('hex').slice(0, 16);
}

/** Returns the folder of the migrated template for the root wrangler.toml, building it first when missing. */
export function migratedTemplate(): string {
  const template = join(tmpdir(), `${TEMPLATE_PREFIX}${migratedStateKey()}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(join(tmpdir(), `${TEMPLATE_PREFIX}building-`));
  try {
    applyLocalMigrations(building);
    renameSync(building, template);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    // Another process renamed its template into place first: same key, same bytes.
    if (!existsSync(template)) throw err;
  }
  return template;
}

/**
 * Fills the empty state folder `state` with the migrated database, as `wrangler d1 migrations apply
 * --local --persist-to state` would. With a wrangler configuration other than the root one (the
 * benchmarks' own Worker) the migrations are applied to `state` directly.
 */
export function migrateState(state: string, config?: string): void {
  if (config !== undefined) {
    applyLocalMigrations(state, config);
    return;
  }
  cpSync(migratedTemplate(), state, { recursive: true });
}
