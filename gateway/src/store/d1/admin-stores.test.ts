import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { describeAccessStoreConformance } from '../../../../test/store/conformance/access.js';
import { describeAdminStoresConformance } from '../../../../test/store/conformance/index.js';
import { describeKeyStoresConformance } from '../../../../test/store/conformance/keys.js';
import { describeRevealReasonStoreConformance } from '../../../../test/store/conformance/reveal-reasons.js';
import { describeOversightStoreConformance } from '../../../../test/store/conformance/oversight.js';
import { describeRecordStoreConformance } from '../../../../test/store/conformance/records.js';
import { describeStatsStoreConformance } from '../../../../test/store/conformance/stats.js';
import { describeViewerStoreConformance } from '../../../../test/store/conformance/viewer.js';
import { indexStatements } from '../objects/audit-log/disclosure-index.js';
import { d1AccessStore } from './access-store.js';
import { d1AdminStores } from './admin-stores.js';
import { d1KeyStateStore, d1SigningKeyStore } from './key-stores.js';
import { d1RevealReasonStore } from './reveal-reason-store.js';
import { d1HealthStore, d1OversightStore } from './oversight-store.js';
import { d1RecordStore } from './record-store.js';
import { d1StatsStore } from './stats-store.js';
import { commitVersionsStatements, writePendingStatement } from './records.js';
import { d1ViewerStore } from './viewer-store.js';
import { insertReveal } from './viewer-reveals.js';

// The D1 backend held to the backend-neutral contract of the administrative core's ports.
describe('D1 backend', () => {
  const db = () => (env as unknown as { DB: D1Database }).DB;
  describeAdminStoresConformance(() => d1AdminStores(db()));
  describeKeyStoresConformance(() => ({ keyState: d1KeyStateStore(db()), signingKeys: d1SigningKeyStore(db()), changes: d1AdminStores(db()).changes }));
  describeStatsStoreConformance(() => ({ stats: d1StatsStore(db()), changes: d1AdminStores(db()).changes }));
  describeRecordStoreConformance(() => ({ records: d1RecordStore(db()), stats: d1StatsStore(db()) }));
  describeOversightStoreConformance(() => ({ oversight: d1OversightStore(db()), health: d1HealthStore(db()), changes: d1AdminStores(db()).changes }), {
    // What the log object writes behind its appends, and what the viewer keeps.
    disclosure: async (idx, entry) => {
      await db().batch(indexStatements(db(), [{ idx, entry: { kind: 'disclosure', ...entry } }]));
    },
    reveal: (reveal) => insertReveal(db(), reveal),
  });
  describeRevealReasonStoreConformance(
    () => d1RevealReasonStore(db()),
    (id, reason, keyVersion) =>
      insertReveal(db(), {
        id,
        reason,
        keyVersion,
        at: 0,
        viewId: 'view-test',
        officerId: 'officer-test',
        grantId: 'grant-test',
        mediaHash: 'hash',
        logIndex: 0,
      }),
  );
  describeAccessStoreConformance(
    () => ({ ...d1AdminStores(db()), access: d1AccessStore(db()) }),
    async ({ type, id, version, plain, pending }) => {
      const sealed = { sealed: {}, plain, facets: {}, tags: [], keyVersion: 1 };
      await writePendingStatement(db(), type, 'owner-test', 'ingest-test', 0, [{ id, version, sealed }]).run();
      if (!pending) await db().batch(commitVersionsStatements(db(), type, null, [{ id, version, tags: [] }]));
    },
  );
  describeViewerStoreConformance(
    () => d1ViewerStore(db()),
    async ({ id, clientId, grantId, recordType, outcome }) => {
      const entry = {
        id,
        at: 0,
        client: clientId,
        agency: 'agency-test',
        purpose: 'purpose-test',
        grant: grantId,
        action: 'fetch',
        record_type: recordType,
        outcome,
      };
      await db().batch(indexStatements(db(), [{ idx: 0, entry }]));
    },
  );
});
