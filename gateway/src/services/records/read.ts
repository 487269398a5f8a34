import { recordType } from '@need2know/schema';
import type { GatewayEnv } from '../../platform/env.js';
import { keyRingOpening } from '../keys/key-ring.js';
import { currentRecords, type RecordRow } from '../../store/d1/records.js';
import { openRecord } from './seal-record.js';
import { keyRingSourceOf } from '../stores.js';

/** A current record, opened: its owner, version and the requested fields in clear. */
export interface OpenedRecord {
  readonly type: string;
  readonly id: string;
  readonly owner: string;
  readonly version: number;
  readonly fields: Record<string, unknown>;
}

/**
 * Reads and opens the current versions of records `ids` of `type`, only the fields named (all when
 * omitted), in the order of `ids`. Missing ids are absent from the result. Decryption failures throw: a record that does
 * not open is an integrity failure, never a partial answer.
 */
export async function readRecords(env: GatewayEnv, type: string, ids: readonly string[], fields?: readonly string[]): Promise<OpenedRecord[]> {
  if (recordType(type) === undefined) return [];
  return openRows(env, type, ids, await currentRecords(env.DB, type, ids), fields);
}

/** Opens rows already read (e.g. in a batch with other reads) as {@link readRecords} would. */
export async function openRows(
  env: GatewayEnv,
  type: string,
  ids: readonly string[],
  read: readonly RecordRow[],
  fields?: readonly string[],
): Promise<OpenedRecord[]> {
  const def = recordType(type);
  if (def === undefined) return [];
  const ring = await keyRingOpening(
    keyRingSourceOf(env),
    read.map((row) => row.keyVersion),
  );
  const rows = new Map(read.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row === undefined ? [] : [{ type, id, owner: row.owner, version: row.version, fields: openRecord(ring, def, row, fields) }];
  });
}
