/**
 * Runs the Worker's cron triggers against a local gateway, on their schedule. `wrangler dev` never
 * fires scheduled events by itself ("Scheduled Workers are not automatically triggered during local
 * development"); started with `--test-scheduled` it exposes `/__scheduled?cron=…`, which runs the
 * same `scheduled` handler production runs. This calls it at every minute the cron matches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './local-files.js';

/** The cron expressions of `[triggers] crons` in a wrangler.toml. */
export function cronsOf(config = join(ROOT, 'wrangler.toml')): string[] {
  const toml = readFileSync(config, 'utf8');
  const line = /^\s*crons\s*=\s*\[([^\]]*)\]/m.exec(toml);
  if (line === null) return [];
  return [...(line[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
] as const;

/**
 * A matcher for a five-field cron expression (`*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`,
 * lists), judged in UTC as Cloudflare does. The day of week must be `*` (Cloudflare numbers days
 * 1–7 from Sunday, unlike classic cron; no trigger here needs one). Throws a TypeError for anything else.
 */
export function cronMatcher(expression: string): (at: Date) => boolean {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length + 1) throw new TypeError(`cron "${expression}": expected five fields`);
  if (parts[FIELDS.length] !== '*') throw new TypeError(`cron "${expression}": only "*" is read as the day of week`);
  const sets = parts.slice(0, FIELDS.length).map((part, i) => {
    const { name, min, max } = FIELDS[i] as (typeof FIELDS)[number];
    const allowed = new Set<number>();
    for (const item of part.split(',')) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
      if (m === null) throw new TypeError(`cron "${expression}": cannot read the ${name} field "${part}"`);
      const from = m[1] === '*' ? min : Number(m[2]);
      const to = m[1] === '*' ? max : m[3] === undefined ? (m[4] === undefined ? from : max) : Number(m[3]);
      const step = m[4] === undefined ? 1 : Number(m[4]);
      if (from < min || to > max || from > to || step < 1) throw new TypeError(`cron "${expression}": ${name} out of range`);
      for (let v = from; v <= to; v += step) allowed.add(v);
    }
    return allowed;
  });
  return (at) => [at.getUTCMinutes(), at.getUTCHours(), at.getUTCDate(), at.getUTCMonth() + 1].every((v, i) => sets[i]?.has(v) === true);
}

/** A running local scheduler. */
export interface LocalCron {
  /** How many scheduled runs were triggered successfully. */
  readonly runs: () => number;
  stop(): void;
}

/**
 * Triggers `crons` on `gatewayUrl` at the start of every matching minute until stopped. A failed
 * trigger is reported through `onError` and tried again at the next match.
 */
export function startLocalCron(gatewayUrl: string, crons: readonly string[], onError: (err: unknown) => void = () => {}): LocalCron {
  const matchers = crons.map((c) => ({ cron: c, matches: cronMatcher(c) }));
  let runs = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    for (const { cron, matches } of matchers) {
      if (!matches(minute)) continue;
      try {
        const res = await fetch(`${gatewayUrl}/__scheduled?cron=${encodeURIComponent(cron)}`);
        await res.body?.cancel();
        if (!res.ok) throw new Error(`scheduled run answered ${res.status}`);
        runs++;
      } catch (err) {
        onError(err);
      }
    }
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    // Just past the next minute boundary, as Cloudflare's scheduler fires.
    timer = setTimeout(() => void tick(), 60_000 - (Date.now() % 60_000) + 50);
  };
  schedule();
  return {
    runs: () => runs,
    stop: () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
