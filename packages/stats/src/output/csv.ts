import type { ReleasedCell } from './cells.js';

/** A CSV field quoted when needed (RFC 4180 §2). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Released cells as CSV (RFC 4180, CRLF line ends): for each dimension its code and level, then the
 * count (empty when withheld) and the cell's status.
 *
 * @example toCsv(['place', 'period'], cells) // "place,place_level,period,period_level,count,status\r\n…"
 */
export function toCsv(dimensionNames: readonly string[], cells: readonly ReleasedCell[], status: (cell: ReleasedCell) => string): string {
  const header = [...dimensionNames.flatMap((n) => [n, `${n}_level`]), 'count', 'status'];
  const lines = [header.map(field).join(',')];
  for (const cell of cells) {
    const row = dimensionNames.flatMap((_, d) => [cell.codes[d] ?? '', cell.levels[d] ?? '']);
    row.push(cell.count === null ? '' : String(cell.count), status(cell));
    lines.push(row.map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
