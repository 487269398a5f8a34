import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps SQL in gateway/src/store/ (scripts/layers/sql-outside-store.grit), run by
 * Biome exactly as biome.json applies it: the same plugin file and the same include globs, on a small
 * tree of fixtures.
 */
const REPO = resolve(import.meta.dirname, '../..');
const BIOME = join(REPO, 'node_modules/.bin/biome');

const FIXTURES: Record<string, string> = {
  'gateway/src/http/routes/grants.ts': "export const one = (db: D1Database) => db.prepare('SELECT 1').first();\n",
  'gateway/src/durable/log.ts': "export function make(ctx: DurableObjectState) {\n  ctx.storage.sql.exec('CREATE TABLE t (a)');\n}\n",
  'gateway/src/services/oversight/raw.ts': "export const raw = (env: { DB: D1Database }) => env.DB.exec('DELETE FROM t');\n",
  'gateway/src/policy/pattern.ts': 'export const day = (s: string) => /^(\\d{4})-(\\d{2})$/.exec(s);\n',
  'gateway/src/store/grants.ts': "export const one = (db: D1Database) => db.prepare('SELECT 1').first();\n",
  'gateway/src/store/durable/log.ts': "export function make(sql: SqlStorage) {\n  sql.exec('CREATE TABLE t (a)');\n}\n",
};

interface Diagnostic {
  readonly category: string;
  readonly location: { readonly path: string };
}

let tree: string;
let flagged: string[];

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'n2k-sql-rule-'));
  for (const [path, text] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  const config = JSON.parse(readFileSync(join(REPO, 'biome.json'), 'utf8')) as { plugins: { path: string; includes: string[] }[] };
  const plugins = config.plugins.map((plugin) => ({ ...plugin, path: resolve(REPO, plugin.path) }));
  writeFileSync(join(tree, 'biome.json'), JSON.stringify({ root: true, formatter: { enabled: false }, linter: { rules: { preset: 'none' } }, plugins }));
  let report: string;
  try {
    report = execFileSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
      cwd: tree,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Biome exits 1 once the rule is switched to "error"; the report is the same.
    report = (error as { stdout: string }).stdout;
  }
  const diagnostics = (JSON.parse(report) as { diagnostics: Diagnostic[] }).diagnostics;
  flagged = diagnostics.filter((d) => d.category === 'plugin').map((d) => d.location.path);
});

afterAll(() => rmSync(tree, { recursive: true, force: true }));

describe('SQL outside gateway/src/store/', () => {
  it("reports D1's prepare() in a route", () => {
    expect(flagged).toContain('gateway/src/http/routes/grants.ts');
  });

  it("reports a Durable Object's sql.exec() and D1's exec() outside store/", () => {
    expect(flagged).toContain('gateway/src/durable/log.ts');
    expect(flagged).toContain('gateway/src/services/oversight/raw.ts');
  });

  it('leaves store/ alone, and a regular expression’s exec() anywhere', () => {
    expect(flagged).not.toContain('gateway/src/store/grants.ts');
    expect(flagged).not.toContain('gateway/src/store/durable/log.ts');
    expect(flagged).not.toContain('gateway/src/policy/pattern.ts');
    expect(flagged).toHaveLength(3);
  });
});
