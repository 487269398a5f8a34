import { recordType } from '@need2know/schema';
import type { Stores } from '../../store/ports/index.js';
import type { RecordRow } from '../../store/ports/records.js';
import { keyRingOpening, type KeyRingSource } from '../keys/key-ring.js';
import { openRecord } from './seal-record.js';

/** What reading records needs: the record store and the key ring's source (root secret, field-key versions). */
export type RecordReader = Pick<Stores, 'records'> & KeyRingSource;

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
export async function readRecords(reader: RecordReader, type: string, ids: readonly string[], fields?: readonly string[]): Promise<OpenedRecord[]> {
  if (recordType(type) === undefined) return [];
  return openRows(reader, type, ids, await reader.records.currentRecords(type, ids), fields);
}

/** Opens rows already read (e.g. in a batch with other reads) as {@link readRecords} would. */
export async function openRows(
  keys: KeyRingSource,
  type: string,
  ids: readonly string[],
  read: readonly RecordRow[],
  fields?: readonly string[],
): Promise<OpenedRecord[]> {
  const def = recordType(type);
  if (def === undefined) return [];
  const ring = await keyRingOpening(
    keys,
    read.map((row) => row.keyVersion),
  );
  const rows = new Map(read.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row === undefined ? [] : [{ type, id, owner: row.owner, version: row.version, fields: openRecord(ring, def, row, fields) }];
  });
}
