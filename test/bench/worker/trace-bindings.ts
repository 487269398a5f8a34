/**
 * Benchmark-only tracing of storage round trips: wraps the D1 binding and the Durable Object
 * namespaces of one request so that every call that leaves the Worker (a D1 query or batch, an
 * RPC to a Durable Object) is timed. The gateway's code runs unchanged against the wrapped
 * bindings; the trace goes back in a response header. Never part of a deployed Worker.
 */
import type { GatewayEnv } from '../../../gateway/src/platform/env.js';
import type { TracedCall } from '../lib/trace-format.js';

export { formatTrace, parseTrace, TRACE_HEADER, type TracedCall } from '../lib/trace-format.js';

const STATEMENT_CALLS = new Set(['first', 'all', 'run', 'raw']);
const NAMESPACES = ['REPLAY_GUARD', 'GRANT_KEYS', 'AUDIT_LOG'] as const;

/** Wraps `env` so that its storage calls are appended to `calls`. */
export function tracedEnv(env: GatewayEnv, calls: TracedCall[]): GatewayEnv {
  const t0 = performance.now();
  // D1 calls are named with the rows they returned, so two traces show whether the same data was read.
  const timed = async <T>(name: string, run: () => Promise<T>, rows?: (result: T) => number): Promise<T> => {
    const start = performance.now();
    let label = name;
    try {
      const result = await run();
      if (rows !== undefined) label = `${name} rows=${rows(result)}`;
      return result;
    } finally {
      calls.push({ name: label, start: start - t0, ms: performance.now() - start });
    }
  };
  const rowsOf = (result: unknown): number => {
    if (Array.isArray(result)) return result.reduce<number>((n, r) => n + rowsOf(r), 0);
    if (result === null || typeof result !== 'object') return result === null ? 0 : 1;
    const { results } = result as { results?: unknown[] };
    return Array.isArray(results) ? results.length : 1;
  };
  // Statements keep their original object (D1's batch needs it); only their terminal calls are timed.
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrapStatement = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'bind') return (...args: unknown[]) => wrapStatement((value as (...a: unknown[]) => D1PreparedStatement).apply(target, args), sql);
        if (typeof prop === 'string' && STATEMENT_CALLS.has(prop))
          return (...args: unknown[]) => timed(`d1.${prop} ${sql}`, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args), rowsOf);
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    originals.set(proxy, stmt);
    return proxy;
  };
  const db = new Proxy(env.DB, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql.replace(/\s+/g, ' ').trim().slice(0, 48));
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          timed(`d1.batch(${statements.length})`, () => target.batch(statements.map((s) => originals.get(s) ?? s)), rowsOf);
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  const wrapNamespace = (label: string, ns: DurableObjectNamespace) =>
    new Proxy(ns, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop !== 'get' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return (id: DurableObjectId) => {
          const objectStub = target.get(id) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          return new Proxy(objectStub, {
            get(s, method) {
              if (typeof method !== 'string') return s[method as unknown as string];
              // An RPC property is called directly: `.apply` on it would itself be sent as a call.
              return (...args: unknown[]) => timed(`do.${label}.${method}`, () => (s[method] as (...a: unknown[]) => Promise<unknown>)(...args));
            },
          });
        };
      },
    });
  const wrapped: Record<string, unknown> = { ...env, DB: db };
  for (const name of NAMESPACES) {
    const ns = (env as unknown as Record<string, DurableObjectNamespace | undefined>)[name];
    if (ns !== undefined) wrapped[name] = wrapNamespace(name, ns);
  }
  return wrapped as unknown as GatewayEnv;
}
