/**
 * Civil time in a named IANA time zone (Asia/Phnom_Penh by default), with nothing but Intl: which
 * local day an instant falls on, when a local day starts, and how a local date and time the officer
 * picked becomes an instant. Pure; shared by the gateway's reports and the console's date pickers,
 * so both count and show days the same way.
 */

/** The zone privacy officers work in unless they choose another. */
export const DEFAULT_TIME_ZONE = 'Asia/Phnom_Penh';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of `instantMs` in `timeZone`. */
function wallClock(timeZone: string, instantMs: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Offset of `timeZone` from UTC at `instantMs`, in minutes (Asia/Phnom_Penh: +420). */
export function zoneOffsetMinutes(timeZone: string, instantMs: number): number {
  const w = wallClock(timeZone, instantMs);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE_MS);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local calendar date (`YYYY-MM-DD`) of `instantMs` in `timeZone`. */
export function localDate(timeZone: string, instantMs: number): string {
  const w = wallClock(timeZone, instantMs);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `+07:00` style offset text. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` (`YYYY-MM-DD`) and `time`
 * (`HH:MM`), in milliseconds, or null for malformed input. A wall time that a daylight-saving change
 * skips or repeats resolves to an instant within the hour of the change (Asia/Phnom_Penh has none).
 */
export function zonedInstant(timeZone: string, date: string, time: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (d === null || t === null) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return null;
  // The offset at the wall time read as UTC is within a day of the answer; the offset there is exact
  // except within the hour of a change.
  const guess = wall - zoneOffsetMinutes(timeZone, wall) * MINUTE_MS;
  return wall - zoneOffsetMinutes(timeZone, guess) * MINUTE_MS;
}

/** RFC 3339 date-time of `instantMs` as the wall clock in `timeZone` shows it, with its offset. */
export function rfc3339InZone(timeZone: string, instantMs: number): string {
  const w = wallClock(timeZone, instantMs);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetText(zoneOffsetMinutes(timeZone, instantMs))}`;
}

/** One local day: its date and the Unix seconds [start, end) it covers. */
export interface LocalDay {
  readonly day: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The `days` local days of `timeZone` ending with the one `instantMs` falls on, oldest first. Days
 * next to a daylight-saving change last 23 or 25 hours, as the wall clock says.
 */
export function localDaysEnding(timeZone: string, instantMs: number, days: number): LocalDay[] {
  const today = localDate(timeZone, instantMs);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const out: LocalDay[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = new Date(Date.UTC(y, m - 1, d) - i * DAY_MS).toISOString().slice(0, 10);
    const next = new Date(Date.UTC(y, m - 1, d) - (i - 1) * DAY_MS).toISOString().slice(0, 10);
    const start = zonedInstant(timeZone, date, '00:00');
    const end = zonedInstant(timeZone, next, '00:00');
    if (start === null || end === null) throw new RangeError('day boundary out of range');
    out.push({ day: date, start: Math.floor(start / 1000), end: Math.floor(end / 1000) });
  }
  return out;
}
