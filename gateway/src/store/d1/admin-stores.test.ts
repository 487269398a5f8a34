import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { describeAdminStoresConformance } from '../../../../test/store/conformance/index.js';
import { describeKeyStoresConformance } from '../../../../test/store/conformance/keys.js';
import { describeRevealReasonStoreConformance } from '../../../../test/store/conformance/reveal-reasons.js';
import { describeStatsStoreConformance } from '../../../../test/store/conformance/stats.js';
import { d1AdminStores } from './admin-stores.js';
import { d1KeyStateStore, d1SigningKeyStore } from './key-stores.js';
import { d1RevealReasonStore } from './reveal-reason-store.js';
import { d1StatsStore } from './stats-store.js';
import { insertReveal } from './viewer-reveals.js';

// The D1 backend held to the backend-neutral contract of the administrative core's ports.
describe('D1 backend', () => {
  const db = () => (env as unknown as { DB: D1Database }).DB;
  describeAdminStoresConformance(() => d1AdminStores(db()));
  describeKeyStoresConformance(() => ({ keyState: d1KeyStateStore(db()), signingKeys: d1SigningKeyStore(db()), changes: d1AdminStores(db()).changes }));
  describeStatsStoreConformance(() => ({ stats: d1StatsStore(db()), changes: d1AdminStores(db()).changes }));
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
});
