import type { ClientKind } from '@need2know/policy';
import type { JWK } from 'jose';
import type { AccessStore, NamedRecordRead } from '../ports/access.js';
import { selectClientStanding } from './clients.js';
import { grantFromRow, selectGrant } from './grants.js';
import { purposeFromRow, selectPurpose } from './purposes.js';
import { recordRowsFrom, selectCurrentRecords } from './records.js';
import { selectRevocation } from './revocations.js';

/** An id no grant, purpose or record can have (ids start with a letter or digit): what a null is read as. */
const NO_ID = '';

/** The caller's row as `selectClientStanding` reads it. */
interface ClientStandingRow {
  kind: ClientKind;
  agency_id: string;
  status: string;
  encryption_jwk: string | null;
}

/** The named record's statement: always issued, with {@link NO_ID} for a record the caller may not see (same cost as a missing one). */
const namedRecord = (db: D1Database, { type, id, hide }: NamedRecordRead): D1PreparedStatement => selectCurrentRecords(db, type, [id ?? NO_ID], hide);

/** The access middleware's reads over one D1 database: one `batch` per request. */
export function d1AccessStore(db: D1Database): AccessStore {
  return {
    async standing(read) {
      const [revoked, client, grant, purpose, record] = await db.batch<Record<string, unknown>>([
        selectRevocation(db, read.tokenId),
        selectClientStanding(db, read.clientId),
        selectGrant(db, read.grantId ?? NO_ID),
        selectPurpose(db, read.purposeId ?? NO_ID),
        ...(read.record === undefined ? [] : [namedRecord(db, read.record)]),
      ]);
      const clientRow = client?.results[0] as ClientStandingRow | undefined;
      const grantRow = grant?.results[0];
      const purposeRow = purpose?.results[0];
      return {
        revoked: (revoked?.results.length ?? 0) > 0,
        client:
          clientRow === undefined
            ? null
            : {
                kind: clientRow.kind,
                agencyId: clientRow.agency_id,
                status: clientRow.status,
                encryptionJwk: clientRow.encryption_jwk === null ? null : (JSON.parse(clientRow.encryption_jwk) as JWK),
              },
        grant: grantRow === undefined ? null : grantFromRow(grantRow),
        purpose: purposeRow === undefined ? null : purposeFromRow(purposeRow),
        record: recordRowsFrom(record),
      };
    },
  };
}
