import { describe, expect, it } from 'vitest';
import { type CruisedModule, cyclicGroups, folderGraph, folderOf, mutualImports, shortestLoops, withoutTypeOnly } from './folder-graph.js';

const ROOT = 'gateway/src/';

/** A module of the tree with its imports; `type:` marks a type-only import. */
function module(source: string, ...imports: string[]): CruisedModule {
  return {
    source: ROOT + source,
    dependencies: imports.map((target) =>
      target.startsWith('type:')
        ? { resolved: ROOT + target.slice(5), dependencyTypes: ['local', 'type-only', 'import'] }
        : { resolved: target.startsWith('node_modules/') ? target : ROOT + target, dependencyTypes: ['local', 'import'] },
    ),
  };
}

describe('folderOf', () => {
  it('names the first segment below the root, or the root file itself', () => {
    expect(folderOf('gateway/src/http/routes/admin/grants.ts', ROOT)).toBe('http');
    expect(folderOf('gateway/src/index.ts', ROOT)).toBe('index.ts');
    expect(folderOf('packages/crypto/src/index.ts', ROOT)).toBeNull();
  });
});

describe('folderGraph', () => {
  it('collapses imports into folder edges, counting them and leaving out imports inside a folder and outside the root', () => {
    const graph = folderGraph(
      [module('http/a.ts', 'http/b.ts', 'services/x.ts', 'node_modules/hono/dist/index.js'), module('http/b.ts', 'services/y.ts', 'type:store/t.ts')],
      ROOT,
    );
    expect(graph.get('http')).toEqual(
      new Map([
        ['services', { imports: 2, typeOnly: false }],
        ['store', { imports: 1, typeOnly: true }],
      ]),
    );
  });

  it('marks an edge type-only only while every import behind it is', () => {
    const graph = folderGraph([module('http/a.ts', 'type:store/t.ts'), module('http/b.ts', 'store/t.ts')], ROOT);
    expect(graph.get('http')?.get('store')).toEqual({ imports: 2, typeOnly: false });
  });
});

describe('cycles', () => {
  it('finds no cycle when arrows only point down', () => {
    const graph = folderGraph([module('http/a.ts', 'services/s.ts'), module('services/s.ts', 'store/t.ts'), module('store/t.ts', 'platform/env.ts')], ROOT);
    expect(cyclicGroups(graph)).toEqual([]);
    expect(mutualImports(graph)).toEqual([]);
  });

  it('groups folders that reach each other, lists the mutual pairs and one shortest loop per edge', () => {
    const graph = folderGraph(
      [
        module('access/a.ts', 'oauth/o.ts'),
        module('oauth/o.ts', 'policy/p.ts', 'access/a.ts'),
        module('policy/p.ts', 'oauth/o.ts', 'config.ts'),
        module('routes/r.ts', 'access/a.ts'),
      ],
      ROOT,
    );
    const groups = cyclicGroups(graph);
    expect(groups).toEqual([['access', 'oauth', 'policy']]);
    expect(mutualImports(graph)).toEqual([
      ['access', 'oauth'],
      ['oauth', 'policy'],
    ]);
    expect(shortestLoops(graph, groups[0] ?? [])).toEqual([
      ['access', 'oauth'],
      ['oauth', 'policy'],
    ]);
  });

  it('can leave out loops closed only by type-only imports', () => {
    const graph = folderGraph([module('store/t.ts', 'type:http/h.ts'), module('http/h.ts', 'store/t.ts')], ROOT);
    expect(cyclicGroups(graph)).toEqual([['http', 'store']]);
    expect(cyclicGroups(withoutTypeOnly(graph))).toEqual([]);
  });
});
