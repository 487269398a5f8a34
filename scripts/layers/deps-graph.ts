/**
 * Prints the folder-level import graph of gateway/src and its cycles (`npm run -s deps:graph`).
 *
 * Modules and imports come from dependency-cruiser with the repository's `.dependency-cruiser.cjs`
 * (type-only imports included: a folder that names another's types depends on it).
 *
 *   --runtime   leave out edges made only of type-only imports
 *   --check     exit 1 when any folders form a cycle (to enforce once the layers are in place)
 *   --root DIR  another tree than gateway/src (e.g. packages)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CruisedModule, cyclicGroups, folderGraph, mutualImports, shortestLoops, withoutTypeOnly } from './folder-graph.js';

const { values } = parseArgs({
  options: { runtime: { type: 'boolean', default: false }, check: { type: 'boolean', default: false }, root: { type: 'string', default: 'gateway/src' } },
});
const root = `${values.root.replace(/\/+$/, '')}/`;

const scratch = mkdtempSync(join(tmpdir(), 'n2k-deps-'));
const output = join(scratch, 'cruise.json');
let modules: CruisedModule[];
try {
  execFileSync('node_modules/.bin/depcruise', ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--output-to', output, root], {
    stdio: 'inherit',
  });
  modules = (JSON.parse(readFileSync(output, 'utf8')) as { modules: CruisedModule[] }).modules;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const all = folderGraph(modules, root);
const graph = values.runtime ? withoutTypeOnly(all) : all;
const edgeCount = [...graph.values()].reduce((n, edges) => n + edges.size, 0);
const moduleCount = modules.filter((m) => m.source.startsWith(root)).length;

console.log(
  `Folder-level import graph of ${root} (${moduleCount} modules, ${graph.size} folders, ${edgeCount} folder edges${values.runtime ? ', type-only imports left out' : ''})`,
);
console.log('(n) = module imports behind the edge; "types" = type-only imports\n');
for (const from of [...graph.keys()].sort()) {
  const edges = [...(graph.get(from) ?? new Map()).entries()].sort(([a], [b]) => a.localeCompare(b));
  const list = edges.map(([to, edge]) => `${to} (${edge.imports}${edge.typeOnly ? ', types' : ''})`).join(', ');
  console.log(`${from} → ${list === '' ? '∅' : list}`);
}

const groups = cyclicGroups(graph);
const mutual = mutualImports(graph);
console.log(`\nCycles: ${groups.length} group(s) of folders that all reach each other${groups.length === 0 ? '.' : ':'}`);
groups.forEach((group, i) => {
  console.log(`\n${i + 1}. ${group.length} folders: ${group.join(', ')}`);
  for (const loop of shortestLoops(graph, group)) console.log(`   ${[...loop, loop[0]].join(' → ')}`);
});
console.log(`\nFolders importing each other directly: ${mutual.length === 0 ? 'none' : mutual.map(([a, b]) => `${a} ↔ ${b}`).join(', ')}`);

if (values.check && groups.length > 0) process.exitCode = 1;
