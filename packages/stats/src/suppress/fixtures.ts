/** Small synthetic tables for the suppression tests: a few provinces, districts and communes, criteria, quarters. */
import { categoryDimension, periodDimension, placeDimension, type Dimension, type PeriodGrain, type PlaceLevel } from '../table/dimensions.js';
import { tabulate, type TabulationRow } from '../table/tabulate.js';
import type { Table } from '../table/table.js';

/** xorshift32: a tiny deterministic generator, good enough to vary fixtures. */
export function fixtureRng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4_294_967_296;
  };
}

/** Options of {@link randomTable}. */
export interface FixtureShape {
  readonly provinces: number;
  readonly districts: number;
  readonly communes: number;
  readonly criteria: number;
  readonly level: PlaceLevel;
  readonly grain: PeriodGrain;
  /** Records to spread (skewed: some communes and criteria get many, most few). */
  readonly records: number;
}

/** Commune codes of a synthetic hierarchy of the given shape. */
export function communeCodes(shape: Pick<FixtureShape, 'provinces' | 'districts' | 'communes'>): string[] {
  const codes: string[] = [];
  const p2 = (n: number) => String(n).padStart(2, '0');
  for (let p = 1; p <= shape.provinces; p++)
    for (let d = 1; d <= shape.districts; d++) for (let c = 1; c <= shape.communes; c++) codes.push(`${p2(p)}${p2(d)}${p2(c)}`);
  return codes;
}

/** Dimensions criterion × place × period of a fixture. */
export function fixtureDimensions(shape: FixtureShape): Dimension[] {
  return [
    categoryDimension(
      'criterion',
      Array.from({ length: shape.criteria }, (_, i) => i + 1),
    ),
    placeDimension(communeCodes(shape), shape.level),
    periodDimension(2025, shape.grain),
  ];
}

/** A skewed random table of the given shape (the same for the same seed). */
export function randomTable(seed: number, shape: FixtureShape): Table {
  const rng = fixtureRng(seed);
  const communes = communeCodes(shape);
  const weight = communes.map(() => rng() ** 3);
  const total = weight.reduce((a, b) => a + b, 0);
  const rows: TabulationRow[] = [];
  for (let i = 0; i < shape.records; i++) {
    let r = rng() * total;
    let c = 0;
    for (; c < communes.length - 1; c++) {
      r -= weight[c] as number;
      if (r <= 0) break;
    }
    const criterion = 1 + Math.floor(rng() ** 2 * shape.criteria);
    const month = `2025-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}`;
    rows.push({ values: [criterion, communes[c], month], count: 1 });
  }
  return tabulate(fixtureDimensions(shape), rows).table;
}
