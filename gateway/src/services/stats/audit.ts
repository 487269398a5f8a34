import { auditLog } from '../access/audit.js';
import type { GatewayEnv } from '../../platform/env.js';

/**
 * A release of aggregate statistics as the tamper-evident log records it: to whom, under what, the
 * parameters, how it was protected (integers only: ε in millionths) and the hash of what left. It
 * holds no count and no personal data.
 */
export interface StatsReleaseEntry {
  readonly id: string;
  readonly at: number;
  /** An agency id, or `public`. */
  readonly consumer: string;
  readonly purpose: string;
  readonly client: string | null;
  readonly grant: string | null;
  readonly table: string;
  readonly parameters: Readonly<Record<string, string | number | null>>;
  readonly protection: Readonly<Record<string, string | number>>;
  readonly cells: number;
  readonly withheld: number;
  readonly responseHash: string;
}

/**
 * Appends a `stats_release` entry to the log and returns its index. Fail-closed: it throws when the
 * log cannot be written, and callers write it before the release leaves.
 */
export async function recordStatsRelease(env: GatewayEnv, e: StatsReleaseEntry): Promise<number> {
  const { first } = await auditLog(env).append([
    {
      kind: 'stats_release',
      id: e.id,
      at: e.at,
      consumer: e.consumer,
      purpose: e.purpose,
      client: e.client,
      grant: e.grant,
      table: e.table,
      parameters: { ...e.parameters },
      protection: { ...e.protection },
      cells: e.cells,
      withheld: e.withheld,
      response_hash: e.responseHash,
    },
  ]);
  return first;
}
