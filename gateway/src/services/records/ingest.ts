import { ingestEntry } from '@need2know/audit';
import type { KeyRing } from '@need2know/crypto';
import { canonicalJson, recordType, validateRecord, type IngestRecord, type RecordTypeDef } from '@need2know/schema';
import { subjectHashes } from '../access/subjects.js';
import { INGEST_RETRIES } from '../../platform/config.js';
import { ownerToday, type GatewayEnv } from '../../platform/env.js';
import type { Stores } from '../../store/ports/index.js';
import type { CommitVersion, NewVersion, RecordRow } from '../../store/ports/records.js';
import { Problem, type ProblemIssue } from '../../platform/errors/problem.js';
import { keyRing, keyRingOpening, type KeyRingSource } from '../keys/key-ring.js';
import { statsTimeFacet } from '../stats/catalogue.js';
import { openRecord, sealRecord } from './seal-record.js';

/** What an ingest needs: the record store, the log its entry is appended to, and the key ring's source. */
export type IngestStores = Pick<Stores, 'records' | 'auditLog'> & KeyRingSource;

/** What happened to one ingested record. */
export interface IngestOutcome {
  readonly id: string;
  readonly version: number;
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/** Issues reported per batch at most (the first ones; enough to fix a loader). */
const MAX_REPORTED_ISSUES = 200;

/** The stored fields of a validated record (no derived fields), for comparison with a stored version. */
function storedFields(def: RecordTypeDef, record: IngestRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: record.id };
  for (const [name, field] of Object.entries(def.fields)) if (record[name] !== undefined && field.derived !== true) out[name] = record[name];
  return out;
}

/** What one ingest call was asked to do. */
export interface IngestInput {
  readonly owner: string;
  readonly clientId: string;
  readonly type: string;
  readonly bodies: readonly unknown[];
  readonly now: number;
}

/**
 * Appends the log entry of an ingest (counts and keyed hashes of the versions it names, never their
 * content). Throws when the entry cannot be written.
 */
async function logIngest(stores: Pick<Stores, 'auditLog'>, ring: KeyRing, input: IngestInput, outcomes: readonly IngestOutcome[]): Promise<void> {
  const count = (o: IngestOutcome['outcome']) => outcomes.filter((r) => r.outcome === o).length;
  await stores.auditLog.append([
    ingestEntry({
      at: input.now,
      clientId: input.clientId,
      owner: input.owner,
      recordType: input.type,
      received: input.bodies.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      records: subjectHashes(
        ring,
        outcomes.filter((r) => r.outcome !== 'unchanged').map((r) => `${input.type}:${r.id}:${r.version}`),
      ),
    }),
  ]);
}

/**
 * Validates, seals and stores a batch of records of `type` for data owner `owner`: all of them or
 * none. Re-sending a record unchanged changes nothing; a changed record becomes a new version and the
 * previous one stays for audit. Plaintext never leaves this function except sealed.
 *
 * Nothing becomes readable that the log does not name: new versions are written pending (no reader
 * sees them), then the log entry naming them is appended, then they are made current. A crash
 * or a failed append in between leaves only pending versions; the same batch sent again finds them,
 * names them in its own log entry and commits them (they count as created or updated, not unchanged).
 *
 * @throws Problem 422 `validation_failed` with a per-record report (nothing written), or 409 when
 * an id belongs to another data owner or a concurrent ingest kept winning; whatever the log append
 * throws (then nothing was made current). Dates are judged on the data owner's calendar (`zone`:
 * the configured time zone).
 */
export async function ingestRecords(stores: IngestStores, zone: Pick<GatewayEnv, 'N2K_TIME_ZONE'>, input: IngestInput): Promise<IngestOutcome[]> {
  const def = recordType(input.type);
  if (def === undefined) throw new Problem(404, 'not_found', 'No such record type.');
  const today = ownerToday(zone, input.now);
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
    throw new Problem(422, 'validation_failed', `${new Set(issues.map((i) => i.path.split('/')[2])).size} record(s) are invalid; nothing was stored.`, {
      issues: issues.slice(0, MAX_REPORTED_ISSUES),
    });
  }

  let ring = await keyRing(stores);
  const sameContent = (row: RecordRow, fields: Record<string, unknown>) =>
    canonicalJson(
      openRecord(
        ring,
        def,
        row,
        Object.keys(fields).filter((f) => f !== 'id'),
      ),
    ) === canonicalJson(fields);
  for (let attempt = 0; attempt < INGEST_RETRIES; attempt++) {
    const targets = await stores.records.ingestTargets(
      def.name,
      records.map((r) => r.id),
    );
    ring = await keyRingOpening(
      stores,
      targets.map((row) => row.keyVersion),
    );
    const outcomes: IngestOutcome[] = [];
    const fresh: NewVersion[] = [];
    const commit: CommitVersion[] = [];
    for (const [i, record] of records.entries()) {
      const fields = storedFields(def, record);
      const rows = targets.filter((row) => row.id === record.id);
      const previous = rows.find((row) => !row.pending);
      if (rows.some((row) => row.owner !== input.owner)) {
        issues.push({ path: `/records/${i}/id`, code: 'id_taken', message: 'this record id belongs to another data owner' });
        continue;
      }
      if (previous !== undefined && sameContent(previous, fields)) {
        outcomes.push({ id: record.id, version: previous.version, outcome: 'unchanged' });
        continue;
      }
      const outcome = previous === undefined ? 'created' : 'updated';
      const sealed = sealRecord(ring, input.owner, def, fields);
      // An interrupted ingest of this very content left it pending: log and commit that version.
      const left = rows.find((row) => row.pending && row.version > (previous?.version ?? 0) && sameContent(row, fields));
      const version = left?.version ?? Math.max(0, ...rows.map((row) => row.version)) + 1;
      if (left === undefined) fresh.push({ id: record.id, version, sealed });
      commit.push({ id: record.id, version, tags: sealed.tags });
      outcomes.push({ id: record.id, version, outcome });
    }
    if (issues.length > 0) throw new Problem(409, 'conflict', 'Some record ids belong to another data owner; nothing was stored.', { issues });
    // A concurrent ingest of the same ids took the version numbers: read again and retry.
    if (!(await stores.records.writePending({ type: def.name, owner: input.owner, by: input.clientId, at: input.now, versions: fresh }))) continue;
    await logIngest(stores, ring, input, outcomes);
    await stores.records.commitVersions(def.name, statsTimeFacet(def.name), commit);
    return outcomes;
  }
  throw new Problem(409, 'conflict', 'The same records were being ingested concurrently; retry.');
}
