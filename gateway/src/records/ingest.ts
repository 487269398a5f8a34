import { canonicalJson, recordType, validateRecord, type IngestRecord, type RecordTypeDef } from '@need2know/schema';
import { INGEST_RETRIES } from '../config.js';
import type { GatewayEnv } from '../env.js';
import { Problem, type ProblemIssue } from '../errors/problem.js';
import { keyRing } from '../keys/key-ring.js';
import { currentRecords, writeVersionsStatements, type NewVersion } from '../storage/records.js';
import { openRecord, sealRecord } from './seal-record.js';

/** What happened to one ingested record. */
export interface IngestOutcome {
  readonly id: string;
  readonly version: number;
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/** Issues reported per batch at most (the first ones; enough to fix a loader). */
const MAX_REPORTED_ISSUES = 200;

const UTC_DAY = (now: number) => new Date(now * 1000).toISOString().slice(0, 10);

/** The stored fields of a validated record (no derived fields), for comparison with a stored version. */
function storedFields(def: RecordTypeDef, record: IngestRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: record.id };
  for (const [name, field] of Object.entries(def.fields)) if (record[name] !== undefined && field.derived !== true) out[name] = record[name];
  return out;
}

/**
 * Validates, seals and stores a batch of records of `type` for data owner `owner`: all of them or
 * none. Re-sending a record unchanged changes nothing; a changed record becomes a new version and the
 * previous one stays for audit. Plaintext never leaves this function except sealed.
 *
 * @throws Problem 422 `validation_failed` with a per-record report (nothing written), or 409 when
 * an id belongs to another data owner or a concurrent ingest kept winning.
 */
export async function ingestRecords(env: GatewayEnv, input: { owner: string; clientId: string; type: string; bodies: readonly unknown[]; now: number }): Promise<IngestOutcome[]> {
  const def = recordType(input.type);
  if (def === undefined) throw new Problem(404, 'not_found', 'No such record type.');
  const today = UTC_DAY(input.now);
  const issues: ProblemIssue[] = [];
  const records: IngestRecord[] = [];
  const seen = new Set<string>();
  input.bodies.forEach((body, i) => {
    const result = validateRecord(input.type, body, { today });
    if (!result.ok) {
      for (const issue of result.issues) issues.push({ path: `/records/${i}${issue.path}`, code: issue.code, message: issue.message });
      return;
    }
    if (seen.has(result.record.id)) issues.push({ path: `/records/${i}/id`, code: 'duplicate_id', message: 'the same id appears twice in this batch' });
    seen.add(result.record.id);
    records.push(result.record);
  });
  if (issues.length > 0) {
    throw new Problem(422, 'validation_failed', `${new Set(issues.map((i) => i.path.split('/')[2])).size} record(s) are invalid; nothing was stored.`, { issues: issues.slice(0, MAX_REPORTED_ISSUES) });
  }

  const ring = await keyRing(env);
  for (let attempt = 0; attempt < INGEST_RETRIES; attempt++) {
    const existing = new Map((await currentRecords(env.DB, def.name, records.map((r) => r.id))).map((row) => [row.id, row]));
    const outcomes: IngestOutcome[] = [];
    const versions: NewVersion[] = [];
    for (const [i, record] of records.entries()) {
      const fields = storedFields(def, record);
      const previous = existing.get(record.id);
      if (previous !== undefined && previous.owner !== input.owner) {
        issues.push({ path: `/records/${i}/id`, code: 'id_taken', message: 'this record id belongs to another data owner' });
        continue;
      }
      if (previous !== undefined && canonicalJson(openRecord(ring, def, previous, Object.keys(fields).filter((f) => f !== 'id'))) === canonicalJson(fields)) {
        outcomes.push({ id: record.id, version: previous.version, outcome: 'unchanged' });
        continue;
      }
      const version = (previous?.version ?? 0) + 1;
      versions.push({ id: record.id, version, sealed: sealRecord(ring, input.owner, def, fields) });
      outcomes.push({ id: record.id, version, outcome: previous === undefined ? 'created' : 'updated' });
    }
    if (issues.length > 0) throw new Problem(409, 'conflict', 'Some record ids belong to another data owner; nothing was stored.', { issues });
    if (versions.length === 0) return outcomes;
    try {
      await env.DB.batch(writeVersionsStatements(env.DB, def.name, input.owner, input.clientId, input.now, versions));
      return outcomes;
    } catch (err) {
      // A concurrent ingest of the same ids took the version numbers: read again and retry.
      if (!(err instanceof Error) || !/UNIQUE constraint failed/.test(err.message)) throw err;
    }
  }
  throw new Problem(409, 'conflict', 'The same records were being ingested concurrently; retry.');
}
