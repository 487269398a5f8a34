/**
 * How `n2k reports daily` and `n2k record-types` print what the admin API returns (the console
 * shows the same answers as a chart and a table).
 */
import { printTable } from './cli-output.js';

export interface DailyReportBody {
  time_zone: string;
  days: { day: string }[];
  series: {
    agency: string;
    purpose: string;
    disclosed: number[];
    refused: number[];
    rate_limited: number[];
    totals: { disclosed: number; refused: number; rate_limited: number };
  }[];
}

/** One line per day, agency and purpose with anything in it, then the totals. */
export function printDailyReport(body: DailyReportBody): void {
  console.log(`days in ${body.time_zone}: ${body.days[0]?.day ?? ''} to ${body.days.at(-1)?.day ?? ''}`);
  const rows = body.series.flatMap((s) =>
    body.days
      .map((d, i) => ({
        day: d.day,
        agency: s.agency,
        purpose: s.purpose,
        disclosed: s.disclosed[i] ?? 0,
        refused: s.refused[i] ?? 0,
        rate_limited: s.rate_limited[i] ?? 0,
      }))
      .filter((r) => r.disclosed + r.refused + r.rate_limited > 0),
  );
  printTable(rows, ['day', 'agency', 'purpose', 'disclosed', 'refused', 'rate_limited']);
  console.log('');
  printTable(
    body.series.map((s) => ({ agency: s.agency, purpose: s.purpose, ...s.totals })),
    ['agency', 'purpose', 'disclosed', 'refused', 'rate_limited'],
  );
}

export interface RecordTypesBody {
  record_types: { name: string; fields: { name: string; modes: string[]; description: string }[] }[];
}

/** Every field of every record type with the modes a purpose may give it. */
export function printRecordTypes(body: RecordTypesBody): void {
  printTable(
    body.record_types.flatMap((t) => t.fields.map((f) => ({ type: t.name, field: f.name, modes: f.modes.join(' '), description: f.description }))),
    ['type', 'field', 'modes', 'description'],
  );
}
