/**
 * Pure: the subject access report as the officer sees it, column by column, so that the screen's
 * table, its CSV and its printed page say the same thing. The cells are already in the chosen
 * language; the CSV goes through `csv.ts`, which neutralises cells a spreadsheet would run as
 * formulas (a stated reference or reason is the caller's own text and may start with `=`).
 */
import { toCsv } from './csv.js';

/** The report's columns, in the order the screen shows them. */
export const REPORT_COLUMNS = ['when', 'agency', 'who', 'purpose', 'action', 'stated', 'fields', 'proof'] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** One disclosure as the report shows it: a text per column. */
export type ReportRow = Readonly<Record<ReportColumn, string>>;

/** The words a stated reference and reason are said with, in the chosen language. */
export interface StatedWords {
  /** Reference and reason, e.g. "for case PP-2026-0412: bail review". */
  both(reference: string, reason: string): string;
  /** A reference alone, e.g. "for case PP-2026-0412". */
  reference(reference: string): string;
  /** Neither stated. */
  none: string;
}

/**
 * What the caller stated, in words.
 *
 * @example statedText({ reference: 'PP-2026-0412', reason: 'bail review' }, words) // 'for case PP-2026-0412: bail review'
 */
export function statedText(d: { readonly reference: string | null; readonly reason: string | null }, words: StatedWords): string {
  if (d.reference !== null && d.reason !== null) return words.both(d.reference, d.reason);
  if (d.reference !== null) return words.reference(d.reference);
  return d.reason ?? words.none;
}

/**
 * The officer or system a disclosure's log entry names (`client`), or null when the entry names none.
 * The report reads it from the entry it proves, so the name shown is the one the signed log holds.
 */
export function entryClient(entry: Readonly<Record<string, unknown>>): string | null {
  return typeof entry.client === 'string' && entry.client !== '' ? entry.client : null;
}

/** Fields disclosed and the mode each was disclosed in, e.g. "phone: clear, name: masked". */
export const fieldsText = (fields: Readonly<Record<string, string>>): string =>
  Object.entries(fields)
    .map(([f, m]) => `${f}: ${m}`)
    .join(', ');

/**
 * The report as CSV: the column headings in the chosen language, then one line per disclosure.
 *
 * @example reportCsv(headings, [row]) // 'When,Agency,…\r\n"5 Dec 2026, 09:00",…\r\n'
 */
export function reportCsv(headings: Readonly<Record<ReportColumn, string>>, rows: readonly ReportRow[]): string {
  return toCsv(
    REPORT_COLUMNS.map((c) => headings[c]),
    rows.map((r) => REPORT_COLUMNS.map((c) => r[c])),
  );
}

/** The CSV file's name: the day the report was made, never who it is about. */
export const reportFileName = (generatedAt: Date): string => `subject-access-${generatedAt.toISOString().slice(0, 10)}.csv`;

/** A root hash as printed under the report: base64, as the signed checkpoint writes it, so the two can be compared. */
export const rootBase64 = (root: Uint8Array): string => btoa(String.fromCharCode(...root));
