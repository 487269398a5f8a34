/**
 * The folder-level import graph of a source tree and its cycles, computed from dependency-cruiser's
 * module list. A "folder" is the first path segment below the root (`routes` for
 * `gateway/src/http/routes/admin/grants.ts`); a file directly in the root is its own node (`app.ts`).
 * Pure: no I/O, so `deps-graph.ts` can print it and the tests can feed it small graphs.
 */

/** The part of a dependency-cruiser module this graph reads. */
export interface CruisedModule {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string; readonly dependencyTypes: readonly string[] }[];
}

/** One folder-level edge: how many module imports make it, and whether all of them are type-only. */
export interface FolderEdge {
  readonly imports: number;
  readonly typeOnly: boolean;
}

/** Folder → imported folder → edge. Self-edges (imports inside a folder) are left out. */
export type FolderGraph = ReadonlyMap<string, ReadonlyMap<string, FolderEdge>>;

/**
 * The top-level folder (or root file) of `path` under `root`, or null for a path outside it.
 *
 * @example folderOf('gateway/src/http/routes/admin/grants.ts', 'gateway/src/') // 'routes'
 */
export function folderOf(path: string, root: string): string | null {
  if (!path.startsWith(root)) return null;
  const rest = path.slice(root.length);
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(0, slash);
}

/** Collapses module imports under `root` into folder-level edges. */
export function folderGraph(modules: readonly CruisedModule[], root: string): FolderGraph {
  const graph = new Map<string, Map<string, { imports: number; typeOnly: boolean }>>();
  for (const module of modules) {
    const from = folderOf(module.source, root);
    if (from === null) continue;
    const edges = graph.get(from) ?? new Map<string, { imports: number; typeOnly: boolean }>();
    graph.set(from, edges);
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved, root);
      if (to === null || to === from) continue;
      const typeOnly = dependency.dependencyTypes.includes('type-only');
      const edge = edges.get(to);
      if (edge === undefined) edges.set(to, { imports: 1, typeOnly });
      else {
        edge.imports += 1;
        edge.typeOnly &&= typeOnly;
      }
    }
  }
  return graph;
}

/** The graph without the edges made only of type-only imports (what runs, rather than what is named). */
export function withoutTypeOnly(graph: FolderGraph): FolderGraph {
  return new Map([...graph].map(([from, edges]) => [from, new Map([...edges].filter(([, edge]) => !edge.typeOnly))]));
}

/** Groups of two or more folders that all reach each other (Tarjan's strongly connected components), each sorted, largest first. */
export function cyclicGroups(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => b.length - a.length || (a[0] as string).localeCompare(b[0] as string));
}

/**
 * The shortest loop through each edge inside a cyclic group, deduplicated and each started at its
 * alphabetically first folder: the list a reviewer reads to see why the folders form a loop.
 *
 * @example shortestLoops(graph, ['a', 'b']) // [['a', 'b']] for a → b → a
 */
export function shortestLoops(graph: FolderGraph, group: readonly string[]): string[][] {
  const members = new Set(group);
  const seen = new Map<string, string[]>();
  for (const from of group) {
    for (const to of graph.get(from)?.keys() ?? []) {
      if (!members.has(to)) continue;
      const back = shortestPath(graph, members, to, from);
      if (back === null) continue;
      const loop = [from, ...back.slice(0, -1)];
      const start = loop.indexOf([...loop].sort()[0] as string);
      const rotated = [...loop.slice(start), ...loop.slice(0, start)];
      seen.set(rotated.join(' → '), rotated);
    }
  }
  return [...seen.values()].sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

function shortestPath(graph: FolderGraph, members: ReadonlySet<string>, from: string, to: string): string[] | null {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (node === to) {
      const path: string[] = [];
      for (let at: string | null = node; at !== null; at = previous.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!members.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return null;
}

/** Pairs of folders that import each other directly, each as [a, b] with a < b. */
export function mutualImports(graph: FolderGraph): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [from, edges] of graph) for (const to of edges.keys()) if (from < to && graph.get(to)?.has(from)) pairs.push([from, to]);
  return pairs.sort((a, b) => a.join().localeCompare(b.join()));
}
