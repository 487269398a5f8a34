import { hiddenFor } from '@need2know/policy';
import type { RecordTypeDef } from '@need2know/schema';
import { openRows, type OpenedRecord, type RecordReader } from '../records/read.js';
import { rowScopeOf, rowsInScope } from '../records/row-scope.js';
import type { RecordAccessWithRead } from './access.js';
import { fieldsForDisclosure } from './open-fields.js';
import type { RecordRequest } from './preamble.js';
import { inGrantRecords } from './scope.js';

/**
 * The record a fetch names (`id` of `def`), opened with the fields the request may disclose, or
 * undefined when the grant does not cover it (its record list or row scope) or it does not exist. It was read with the caller's
 * checks (`access.named`, see `verifyAccess`): nothing for a record outside the grant. A sensitive
 * case is left out by that read; a grant leadership approved for sensitive cases reads it again,
 * found or not, so that the second read does not tell whether such a case exists.
 */
export async function openNamedRecord(
  reader: RecordReader,
  access: RecordAccessWithRead,
  req: RecordRequest,
  def: RecordTypeDef,
  id: string,
): Promise<OpenedRecord | undefined> {
  const type = def.name;
  const covered = inGrantRecords(access.recordAccess, id) && (req.now.recordIds === null || req.now.recordIds.includes(id));
  if (!covered) return undefined;
  let rows = access.named.rows;
  if (rows.length === 0 && hiddenFor(type, null) !== null && hiddenFor(type, req.now.grant) === null) rows = await reader.records.currentRecords(type, [id]);
  // Outside the grant's row scope: dropped before anything is opened, as if it were missing.
  rows = await rowsInScope(reader, def, rows, rowScopeOf(access));
  const [record] = await openRows(reader, type, [id], rows, fieldsForDisclosure(def, req.fields));
  return record;
}
