import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.js';
import type { StatsTableDef } from '../../../services/stats/catalogue.js';
import { forProvince, toCsvText, toSeries, type ReleaseDocument } from '../../../services/stats/document.js';
import type { StatsQuery } from '../../../services/stats/query.js';

/** A release in the form asked for: the cells (all, or one province's) as JSON or CSV, or a chart series. */
export function presentRelease<E extends AppEnv>(c: Context<E>, doc: ReleaseDocument, def: StatsTableDef, q: StatsQuery): Response {
  c.header('cache-control', 'no-store');
  if (q.shape === 'series') {
    const { dimensions: _dimensions, cells: _cells, ...head } = doc;
    return c.json({ ...head, series: toSeries(doc, def, q.province) }, 200);
  }
  const sliced = forProvince(doc, q.province);
  if (q.format === 'csv') {
    c.header('content-disposition', `attachment; filename="${def.name}-${doc.release}.csv"`);
    return c.body(toCsvText(sliced), 200, { 'content-type': 'text/csv; charset=utf-8' });
  }
  return c.json(sliced, 200);
}
