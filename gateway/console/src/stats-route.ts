/**
 * Pure: the statistics view's address. `#/statistics/<province|all>/<year>` names what was asked (a
 * province code, a year: no personal data), so a preview can be reloaded or linked; anything
 * malformed reads as "nothing asked yet". The threshold is not part of it: the gateway publishes
 * each table at its public tier's threshold only (a third segment, from older addresses, is ignored).
 */

/** What the officer asked to see: a province (null: the whole country) and a year. */
export interface StatsChoice {
  readonly province: string | null;
  readonly year: number;
}

/** Years the gateway's statistics accept (its query schema). */
export const STATS_YEARS = { min: 2000, max: 2100 } as const;
const COUNTRY = 'all';
const KHMER_ZERO = 0x17e0;

/** Khmer digits (០–៩) as ASCII digits, so that a Khmer keyboard can type codes and years; spaces trimmed. */
export function asciiDigits(text: string): string {
  return text.trim().replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - KHMER_ZERO));
}

/** A province code as typed: empty for the whole country, two digits, or undefined when it is neither. */
export function parseProvince(text: string): string | null | undefined {
  const code = asciiDigits(text);
  if (code === '') return null;
  return /^\d{2}$/.test(code) ? code : undefined;
}

/** A whole number as typed within [min, max], or undefined. */
export function parseWhole(text: string, min: number, max: number): number | undefined {
  const digits = asciiDigits(text);
  if (!/^\d{1,4}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n >= min && n <= max ? n : undefined;
}

/** The choice named by the route's parts after `statistics`, or null when there is none or it is malformed. */
export function parseStatsRoute(parts: readonly string[]): StatsChoice | null {
  const [place, yearText] = parts;
  if (place === undefined || yearText === undefined) return null;
  const province = place === COUNTRY ? null : parseProvince(place);
  const year = parseWhole(yearText, STATS_YEARS.min, STATS_YEARS.max);
  if (province === undefined || year === undefined) return null;
  return { province, year };
}

/** The route of a choice. */
export function statsRoute(choice: StatsChoice): string {
  return `#/statistics/${choice.province ?? COUNTRY}/${choice.year}`;
}
