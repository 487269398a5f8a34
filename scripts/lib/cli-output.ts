/** Prints rows as an aligned text table (for people); `--json` callers print JSON instead. */
export function printTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns.map((c) => c.toUpperCase())));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}

/** Parses a duration like `96h`, `30m`, `7d`, `3600` (seconds) into seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (m === null) throw new Error(`not a duration: ${text} (use e.g. 96h, 30m, 7d)`);
  const n = Number(m[1]);
  return n * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

/** Parses a date-time: RFC 3339, `now`, or `+96h` style offsets from now. Returns RFC 3339 UTC. */
export function parseWhen(text: string): string {
  const now = Date.now();
  if (text === 'now') return new Date(now).toISOString();
  if (text.startsWith('+')) return new Date(now + parseDuration(text.slice(1)) * 1000).toISOString();
  const t = Date.parse(text);
  if (Number.isNaN(t) || !/[zZ]|[+-]\d\d:\d\d$/.test(text))
    throw new Error(`not a date-time with a time zone: ${text} (e.g. 2026-11-23T08:00:00+07:00, now, +96h)`);
  return new Date(t).toISOString();
}
