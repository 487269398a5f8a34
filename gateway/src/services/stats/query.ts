import { epsilonMicro, isoWeeksBetween, StatsError, type PeriodGrain, type PlaceLevel } from '@need2know/stats';
import type { ProblemIssue } from '../../platform/errors/problem.js';
import type { StatsTableDef } from './catalogue.js';
import { MAX_STATS_WEEKS } from './config.js';

/**
 * Query parameters of a statistics request as the route hands them over: checked for shape only
 * (the route's schema, `StatsQuerySchema`, coerces numbers and defaults `format` and `shape`).
 */
export interface StatsQueryInput {
  readonly level?: PlaceLevel | undefined;
  readonly period?: PeriodGrain | undefined;
  readonly year?: number | undefined;
  /** First ISO week (`YYYY-Www`). */
  readonly from?: string | undefined;
  /** Last ISO week (`YYYY-Www`). */
  readonly to?: string | undefined;
  readonly province?: string | undefined;
  readonly protection?: 'suppression' | 'dp' | undefined;
  /** ε as a decimal with at most six decimals. */
  readonly epsilon?: string | undefined;
  readonly bound?: number | undefined;
  readonly threshold?: number | undefined;
  readonly format: 'json' | 'csv';
  readonly shape: 'cells' | 'series';
}

/** A statistics request, checked against its table. */
export interface StatsQuery {
  readonly level: PlaceLevel | null;
  readonly period: PeriodGrain | null;
  readonly year: number | null;
  readonly weeks: readonly string[] | null;
  readonly province: string | null;
  readonly protection: 'suppression' | 'dp' | null;
  readonly epsilonMicro: number | null;
  readonly bound: number | null;
  readonly threshold: number | null;
  readonly format: 'json' | 'csv';
  readonly shape: 'cells' | 'series';
}

/** The parameters that decide the computed table (not how it is sliced or formatted). */
export function tableParameters(q: StatsQuery): Record<string, string | number | null> {
  return { level: q.level, period: q.period, year: q.year, from: q.weeks?.[0] ?? null, to: q.weeks?.at(-1) ?? null };
}

/** Checks `input` against table `def`: what applies to it is required or defaulted, the rest refused. */
export function resolveQuery(def: StatsTableDef, input: StatsQueryInput): { ok: true; query: StatsQuery } | { ok: false; issues: ProblemIssue[] } {
  const issues: ProblemIssue[] = [];
  const hasPlace = def.dimensions.some((d) => d.kind === 'place');
  const refuse = (path: string, message: string) => issues.push({ path, code: 'not_applicable', message });
  if (!hasPlace && input.level !== undefined) refuse('level', 'this table has no place dimension');
  if (!hasPlace && input.province !== undefined) refuse('province', 'this table has no place dimension');
  let weeks: string[] | null = null;
  if (def.time === 'calendar') {
    if (input.from !== undefined || input.to !== undefined) refuse('from', 'this table is by calendar period: use year and period');
    if (input.year === undefined) issues.push({ path: 'year', code: 'required', message: 'a calendar year is required' });
  } else {
    if (input.year !== undefined || input.period !== undefined) refuse('year', 'this table is by ISO week: use from and to');
    if (input.from === undefined || input.to === undefined) issues.push({ path: 'from', code: 'required', message: 'from and to (ISO weeks) are required' });
    else {
      try {
        weeks = isoWeeksBetween(input.from, input.to);
        if (weeks.length === 0 || weeks.length > MAX_STATS_WEEKS)
          issues.push({ path: 'to', code: 'out_of_range', message: `from 1 to ${MAX_STATS_WEEKS} weeks, in order` });
      } catch (err) {
        if (!(err instanceof StatsError)) throw err;
        issues.push({ path: 'from', code: 'invalid_week', message: 'no such ISO week' });
      }
    }
  }
  let epsilon: number | null = null;
  if (input.epsilon !== undefined) {
    try {
      epsilon = epsilonMicro(input.epsilon);
    } catch (err) {
      if (!(err instanceof StatsError)) throw err;
      issues.push({ path: 'epsilon', code: 'out_of_range', message: err.message });
    }
  }
  if (input.protection === 'suppression' && (input.epsilon !== undefined || input.bound !== undefined))
    refuse('epsilon', 'ε and bound apply to differential privacy only');
  if (input.protection === 'dp' && input.threshold !== undefined) refuse('threshold', 'a threshold applies to suppression only');
  if (input.shape === 'series' && input.format === 'csv') refuse('shape', 'series are JSON only');
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    query: {
      level: hasPlace ? (input.level ?? 'province') : null,
      period: def.time === 'calendar' ? (input.period ?? 'month') : null,
      year: def.time === 'calendar' ? (input.year ?? null) : null,
      weeks,
      province: input.province ?? null,
      protection: input.protection ?? null,
      epsilonMicro: epsilon,
      bound: input.bound ?? null,
      threshold: input.threshold ?? null,
      format: input.format,
      shape: input.shape,
    },
  };
}
