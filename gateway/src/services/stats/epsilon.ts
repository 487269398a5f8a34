import { formatEpsilon, MICRO } from '@need2know/stats';
import type { ProblemIssue } from '../../platform/errors/problem.js';

/** Largest total ε budget an officer may give one consumer and purpose. */
export const MAX_BUDGET_MICRO = 1000 * MICRO;

/** ε as written on the wire: a decimal string or a number, with at most six decimals. */
export type EpsilonInput = string | number;

/** ε (decimal) in millionths; undefined when it has more than six decimals. */
export function micro(value: EpsilonInput): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * MICRO + Number((m[2] ?? '').padEnd(6, '0'));
}

/** ε fields of a request body in millionths, or the issues with them (keyed by the field's path). */
export function epsilons(fields: Record<string, { value: EpsilonInput; max: number }>): { values: Record<string, number>; issues: ProblemIssue[] } {
  const values: Record<string, number> = {};
  const issues: ProblemIssue[] = [];
  for (const [path, { value, max }] of Object.entries(fields)) {
    const m = micro(value);
    if (m === undefined || m > max) issues.push({ path, code: 'out_of_range', message: `a decimal with at most six decimals, at most ${formatEpsilon(max)}` });
    else values[path] = m;
  }
  return { values, issues };
}
