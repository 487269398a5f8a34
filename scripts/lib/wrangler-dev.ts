/**
 * Starts and stops a local gateway (`wrangler dev`: workerd with local D1 and Durable Objects).
 * Used by `npm start`, the benchmarks and the end-to-end tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildConsole } from './console-build.js';
import { cronsOf, startLocalCron, type LocalCron } from './local-cron.js';
import { ROOT } from './local-files.js';

const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
/** Keeps wrangler quiet and offline: no metrics, no fetch of Cloudflare's request metadata. */
export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', NO_COLOR: '1' };

export interface DevOptions {
  readonly port: number;
  /** Wrangler configuration file (default: the root wrangler.toml). */
  readonly config?: string;
  /** Folder of the local D1/DO state (default: wrangler's own `.wrangler/state`). */
  readonly persistTo?: string;
  /** Extra variables (`--var KEY:VALUE`). */
  readonly vars?: Readonly<Record<string, string>>;
  /** Where wrangler's output goes. */
  readonly stdio?: 'inherit' | 'ignore' | 'pipe';
  /**
   * Run the configuration's cron triggers on their schedule, as production does (`npm start` does;
   * tests that drive housekeeping by hand do not). Failed runs are reported through `onScheduleError`.
   */
  readonly scheduled?: boolean;
  readonly onScheduleError?: (err: unknown) => void;
  /**
   * Port of wrangler's debugger endpoint. Without it wrangler probes from 9229 up for a free one,
   * and gateways started at the same moment (test files running side by side) can pick the same
   * port and one of them exits; giving each its own port avoids that.
   */
  readonly inspectorPort?: number;
}

/** Applies the D1 migrations to the local database (idempotent). */
export function applyLocalMigrations(persistTo?: string, config?: string): void {
  const args = [
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    ...(persistTo === undefined ? [] : ['--persist-to', persistTo]),
    ...(config === undefined ? [] : ['--config', config]),
  ];
  const result = spawnSync(WRANGLER, args, { cwd: ROOT, env: { ...WRANGLER_ENV, CI: 'true' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`migrations failed:\n${result.stdout}\n${result.stderr}`);
}

/** A running local gateway. */
export interface DevGateway {
  readonly url: string;
  readonly child: ChildProcess;
  /** The cron triggers run on schedule, when started with `scheduled`. */
  readonly cron: { readonly crons: readonly string[]; readonly runs: () => number } | undefined;
  stop(): Promise<void>;
}

/** Starts `wrangler dev` and resolves when the gateway answers `/healthz`. */
export async function startDevGateway(opts: DevOptions): Promise<DevGateway> {
  // Any configuration that serves the gateway app needs the console bundle (wrangler.toml also builds it).
  await buildConsole();
  const url = `http://127.0.0.1:${opts.port}`;
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--show-interactive-dev-session=false', '--log-level', 'warn'];
  if (opts.persistTo !== undefined) args.push('--persist-to', opts.persistTo);
  if (opts.config !== undefined) args.push('--config', opts.config);
  if (opts.inspectorPort !== undefined) args.push('--inspector-port', String(opts.inspectorPort));
  // Exposes /__scheduled on the local gateway only: how wrangler dev runs the scheduled handler.
  if (opts.scheduled === true) args.push('--test-scheduled');
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: WRANGLER_ENV,
    stdio: opts.stdio === 'pipe' ? 'pipe' : ['ignore', opts.stdio ?? 'inherit', opts.stdio ?? 'inherit'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('wrangler dev exited before the gateway was ready');
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('the gateway did not become ready within 60 s');
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  let cron: LocalCron | undefined;
  const crons = opts.scheduled === true ? cronsOf(opts.config === undefined ? undefined : resolve(ROOT, opts.config)) : [];
  if (crons.length > 0) cron = startLocalCron(url, crons, opts.onScheduleError);
  return {
    url,
    child,
    cron: cron === undefined ? undefined : { crons, runs: cron.runs },
    stop: () =>
      new Promise<void>((resolve) => {
        cron?.stop();
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
