import { env } from 'cloudflare:workers';
import { describe } from 'vitest';
import { describeOriginalAuditStoreConformance } from '../../../../test/store/conformance/original-audits.js';
import { d1AdminStores } from './admin-stores.js';
import { d1OriginalAuditStore } from './original-audits.js';

// The D1 backend of requests to audit originals, held to the backend-neutral contract.
describe('D1 backend', () => {
  const db = () => (env as unknown as { DB: D1Database }).DB;
  describeOriginalAuditStoreConformance(() => ({ ...d1AdminStores(db()), originalAudits: d1OriginalAuditStore(db()) }));
});
