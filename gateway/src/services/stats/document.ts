import { describeDimensions, releasedCells, toCsv, type DimensionDescription, type Release } from '@need2know/stats';
import type { StatsTableDef } from './catalogue.js';

/** One released cell on the wire: the code in each dimension, and the count (null when withheld). */
export type CellOut = Record<string, string | number | null>;

/**
 * A release as it leaves the gateway, and as the register keeps it: what was asked, how it was
 * protected, how each dimension is built, and every cell. Numbers are integers only (ε and noise
 * scales are decimal strings) so that its hash is well defined.
 */
export interface ReleaseDocument {
  readonly release: string;
  readonly table: string;
  readonly title: string;
  readonly generated_at: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
  readonly protection: Readonly<Record<string, unknown>>;
  readonly dimensions: readonly DimensionDescription[];
  readonly cells: readonly CellOut[];
}

/** The document of a protected table. */
export function releaseDocument(opts: {
  id: string;
  def: StatsTableDef;
  at: number;
  parameters: Record<string, string | number | null>;
  protection: Record<string, unknown>;
  release: Release;
}): ReleaseDocument {
  const names = opts.def.dimensions.map((d) => d.name);
  const cells = releasedCells(opts.release.table, opts.release.withheld).map((cell) => {
    const out: CellOut = {};
    names.forEach((n, d) => {
      out[n] = cell.codes[d] ?? null;
    });
    out.count = cell.count;
    return out;
  });
  return {
    release: opts.id,
    table: opts.def.name,
    title: opts.def.title,
    generated_at: new Date(opts.at * 1000).toISOString(),
    parameters: opts.parameters,
    protection: opts.protection,
    dimensions: describeDimensions(opts.release.table),
    cells,
  };
}

/** Only the cells of province `province` and the places in it (the rest of the document unchanged). */
export function forProvince(doc: ReleaseDocument, province: string | null): ReleaseDocument {
  if (province === null || !doc.dimensions.some((d) => d.name === 'place')) return doc;
  return { ...doc, cells: doc.cells.filter((c) => typeof c.place === 'string' && c.place.startsWith(province)) };
}

/** The counts a stacked bar chart needs: groups (criteria, measures, results) × periods, for one place. */
export interface SeriesOut {
  readonly place: string | null;
  readonly group: string;
  readonly periods: readonly string[];
  readonly groups: ReadonlyArray<{ readonly code: string; readonly counts: ReadonlyArray<number | null> }>;
  readonly totals: ReadonlyArray<number | null>;
}

/**
 * One stack per category of the table's group dimension, one bar per period of the finest grain, for
 * `province` (or the whole country), every other dimension at its total. Withheld cells are null.
 */
export function toSeries(doc: ReleaseDocument, def: StatsTableDef, province: string | null): SeriesOut {
  const group = def.dimensions[def.seriesGroup]?.name ?? '';
  const time = doc.dimensions.find((d) => d.name === 'period');
  const finest = time?.levels.at(-1);
  const periods = (time?.nodes ?? []).filter((n) => n.level === finest).map((n) => n.code);
  const groupDim = doc.dimensions.find((d) => d.name === group);
  const groupCodes = (groupDim?.nodes ?? []).filter((n) => n.parent !== null).map((n) => n.code);
  const hasPlace = doc.dimensions.some((d) => d.name === 'place');
  const fixed = (c: CellOut) =>
    def.dimensions.every((d) => d.name === group || d.name === 'period' || (d.name === 'place' ? c.place === (province ?? 'all') : c[d.name] === 'all'));
  const index = new Map<string, number | null>();
  for (const c of doc.cells) if (fixed(c)) index.set(`${String(c[group])}|${String(c.period)}`, c.count as number | null);
  const at = (g: string, p: string) => index.get(`${g}|${p}`) ?? null;
  return {
    place: hasPlace ? (province ?? 'all') : null,
    group,
    periods,
    groups: groupCodes.map((code) => ({ code, counts: periods.map((p) => at(code, p)) })),
    totals: periods.map((p) => at('all', p)),
  };
}

/** The document's cells as CSV: code and level of each dimension, the count, and whether it was withheld or is noisy. */
export function toCsvText(doc: ReleaseDocument): string {
  const names = doc.dimensions.map((d) => d.name);
  const levelOf = doc.dimensions.map((d) => new Map(d.nodes.map((n) => [n.code, n.level])));
  const noisy = doc.protection.method === 'dp';
  const cells = doc.cells.map((c) => ({
    codes: names.map((n) => String(c[n])),
    levels: names.map((n, i) => levelOf[i]?.get(String(c[n])) ?? ''),
    count: c.count as number | null,
  }));
  return toCsv(names, cells, (cell) => (cell.count === null ? 'withheld' : noisy ? 'noisy' : 'published'));
}
