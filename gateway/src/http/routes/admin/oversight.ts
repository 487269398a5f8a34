import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_TIME_ZONE, isTimeZone } from '@need2know/zoned-time';
import { Problem } from '../../../platform/errors/problem.js';
import { dailyDisclosureReport } from '../../../services/oversight/daily-disclosure-report.js';
import { adminRouter, adminSecurity } from './app.js';
import { adminProblems, jsonOk } from './responses.js';
import { Slug } from './schemas.js';
import { iso } from './serialize.js';

/** Longest range of the daily report: a quarter, the longest reporting period shown day by day. */
export const MAX_REPORT_DAYS = 92;

const Counts = z.array(z.number().int());
const DailyReport = z
  .object({
    time_zone: z.string(),
    days: z.array(z.object({ day: z.string(), start: z.string(), end: z.string() })),
    series: z.array(
      z.object({
        agency: z.string(),
        purpose: z.string(),
        disclosed: Counts.openapi({ description: 'Answers given, per day' }),
        refused: Counts.openapi({ description: 'Answers withheld (record missing or outside the grant, viewer key destroyed), per day' }),
        rate_limited: Counts.openapi({ description: 'Requests stopped by the grant’s rate limits, per day' }),
        totals: z.object({ disclosed: z.number().int(), refused: z.number().int(), rate_limited: z.number().int() }),
      }),
    ),
  })
  .openapi('DailyDisclosureReport');

const daily = createRoute({
  method: 'get',
  path: '/reports/daily-disclosures',
  tags: ['admin'],
  summary: 'Per agency and purpose, day by day in a time zone: answers given, answers refused and rate-limit hits',
  security: adminSecurity,
  request: {
    query: z.object({
      days: z.coerce.number().int().min(1).max(MAX_REPORT_DAYS).default(14),
      time_zone: z
        .string()
        .max(64)
        .default(DEFAULT_TIME_ZONE)
        .openapi({ description: 'IANA time zone whose calendar days are counted', example: DEFAULT_TIME_ZONE }),
      agency_id: Slug.optional(),
      purpose_id: Slug.optional(),
    }),
  },
  responses: { 200: jsonOk(DailyReport, 'The report'), ...adminProblems },
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export const oversightRoutes = adminRouter().openapi(daily, async (c) => {
  const q = c.req.valid('query');
  if (!isTimeZone(q.time_zone))
    throw new Problem(400, 'validation_failed', 'Unknown time zone.', {
      issues: [{ path: 'time_zone', code: 'unknown_time_zone', message: 'not an IANA time zone' }],
    });
  const filter = { ...(q.agency_id === undefined ? {} : { agencyId: q.agency_id }), ...(q.purpose_id === undefined ? {} : { purposeId: q.purpose_id }) };
  const { days, series } = await dailyDisclosureReport(c.var.stores, q.time_zone, q.days, filter, c.var.now);
  return c.json(
    {
      time_zone: q.time_zone,
      days: days.map((d) => ({ day: d.day, start: iso(d.start), end: iso(d.end) })),
      series: series.map((s) => ({
        agency: s.agencyId,
        purpose: s.purposeId,
        disclosed: s.disclosed,
        refused: s.refused,
        rate_limited: s.rateLimited,
        totals: { disclosed: sum(s.disclosed), refused: sum(s.refused), rate_limited: sum(s.rateLimited) },
      })),
    },
    200,
  );
});
